package io.ndc.node;

import io.ndc.platform.security.TlsFiles;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * TLS between nodes on the clustered event bus, when {@code cluster.tls} names a certificate, its key and the
 * certificates peers must chain to ({@code trust_path}). It is mutual: a node accepts bus connections only from nodes
 * presenting a trusted certificate, and sends only to nodes that do. Host names are not checked (Vert.x connects to
 * the address a node announced), so one certificate can serve every node. Hazelcast's own traffic (membership,
 * the cluster maps) is not covered: the open-source edition has no TLS.
 */
final class ClusterTls {
  static final String PREFIX = "cluster.tls";
  static final String TRUST_PATH = PREFIX + ".trust_path";

  private ClusterTls() {
  }

  static boolean configured(JsonObject config) {
    return TlsFiles.configured(config, PREFIX) || TlsFiles.isSet(config, TRUST_PATH);
  }

  /**
   * Turns on TLS for the bus. Reads and checks the PEM files (blocking).
   *
   * @throws IllegalStateException naming the file and setting at fault
   */
  static void apply(EventBusOptions bus, JsonObject config) {
    PemKeyCertOptions keyCert;
    // Vert.x parses PEM keys with an instance at hand; the clustered one cannot exist before its bus options do
    Vertx parser = Vertx.vertx();
    try {
      keyCert = TlsFiles.keyCert(parser, config, PREFIX);
    } finally {
      parser.close().await();
    }
    bus.setSsl(true)
        .setKeyCertOptions(keyCert)
        .setTrustOptions(TlsFiles.trust(config, TRUST_PATH))
        // the bus trusts every server unless told otherwise (EventBusOptions.DEFAULT_TRUST_ALL is true)
        .setTrustAll(false)
        .setClientAuth(ClientAuth.REQUIRED);
  }
}
