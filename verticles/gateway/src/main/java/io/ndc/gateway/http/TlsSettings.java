package io.ndc.gateway.http;

/**
 * Where the gateway's client-facing servers find their certificate and key: {@code <prefix>.cert_path} and
 * {@code <prefix>.key_path} (read and checked by {@code TlsFiles}).
 */
public final class TlsSettings {
  /** The HTTP server's (REST, the WebSocket stream, SockJS); the TCP bridge uses it too unless it has its own. */
  public static final String HTTP = "http.tls";
  /** The TCP bridge's own certificate. */
  public static final String BRIDGE = "bridge.tls";

  private TlsSettings() {
  }
}
