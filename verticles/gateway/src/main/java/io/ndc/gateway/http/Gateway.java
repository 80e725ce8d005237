package io.ndc.gateway.http;

/** Constants of the HTTP surface. */
public final class Gateway {
  public static final String API_PREFIX = "/api/v1";

  private Gateway() {
  }
}
