package io.ndc.contract;

/** Headers every bus request carries (SPEC §4). */
public final class BusHeaders {
  public static final String REQUEST_ID = "x-request-id";
  public static final String USER_ID = "x-user-id";
  /** Comma-separated role names of the caller. */
  public static final String ROLES = "x-roles";

  private BusHeaders() {
  }
}
