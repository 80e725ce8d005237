package io.ndc.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.platform.testing.TestCertificates;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsFilesTest {
  @TempDir
  static Path dir;
  private static Vertx vertx;
  private static TestCertificates.Pem server;
  private static TestCertificates.Pem other;

  @BeforeAll
  static void certificates() {
    vertx = Vertx.vertx();
    server = TestCertificates.selfSigned(dir, "server");
    other = TestCertificates.selfSigned(dir, "other");
  }

  @AfterAll
  static void close() {
    vertx.close().await();
  }

  private static JsonObject tls(Object cert, Object key) {
    JsonObject tls = new JsonObject();
    if (cert != null) {
      tls.put("cert_path", cert.toString());
    }
    if (key != null) {
      tls.put("key_path", key.toString());
    }
    return new JsonObject().put("http", new JsonObject().put("tls", tls));
  }

  @Test
  void tlsIsOnOnlyWhenAPathIsSet() {
    assertThat(TlsFiles.configured(new JsonObject(), "http.tls")).isFalse();
    assertThat(TlsFiles.configured(tls("", " "), "http.tls")).isFalse();
    assertThat(TlsFiles.configured(tls(server.cert(), null), "http.tls")).isTrue();
    assertThat(TlsFiles.configured(tls(null, server.key()), "http.tls")).isTrue();
  }

  @Test
  void aMissingFileOrSettingIsNamed() {
    assertThatThrownBy(() -> TlsFiles.keyCert(vertx, tls(server.cert(), null), "http.tls"))
        .hasMessageContaining("http.tls.key_path is not").hasMessageContaining("NDC__http__tls__key_path");
    Path missing = dir.resolve("nowhere.crt");
    assertThatThrownBy(() -> TlsFiles.keyCert(vertx, tls(missing, server.key()), "http.tls"))
        .hasMessageContaining("cannot read " + missing + " (http.tls.cert_path)").hasMessageContaining("NoSuchFileException");
  }

  @Test
  void aFileThatIsNotWhatItsSettingSaysIsNamed() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a pem file\n");
    assertThatThrownBy(() -> TlsFiles.keyCert(vertx, tls(garbage, server.key()), "http.tls"))
        .hasMessageContaining(garbage + " (http.tls.cert_path) is not a PEM certificate file");
    assertThatThrownBy(() -> TlsFiles.keyCert(vertx, tls(server.cert(), garbage), "http.tls"))
        .hasMessageContaining(garbage + " (http.tls.key_path) holds no usable unencrypted PEM private key");
    // the usual slip: the two paths swapped
    assertThatThrownBy(() -> TlsFiles.keyCert(vertx, tls(server.key(), server.cert()), "http.tls"))
        .hasMessageContaining(server.key() + " (http.tls.cert_path) is not a PEM certificate file");
  }

  @Test
  void aKeyOfAnotherCertificateOrAnExpiredCertificateIsRefused() {
    assertThatThrownBy(() -> TlsFiles.keyCert(vertx, tls(server.cert(), other.key()), "http.tls"))
        .hasMessage("the private key in " + other.key() + " (http.tls.key_path) does not belong to the certificate in "
            + server.cert() + " (http.tls.cert_path)");
    TestCertificates.Pem expired = TestCertificates.expired(dir, "expired");
    assertThatThrownBy(() -> TlsFiles.keyCert(vertx, tls(expired.cert(), expired.key()), "http.tls"))
        .hasMessageContaining("the certificate in " + expired.cert() + " (http.tls.cert_path) is not valid now");
  }

  @Test
  void trustNeedsAReadableCertificateFile() throws Exception {
    assertThatThrownBy(() -> TlsFiles.trust(new JsonObject(), "cluster.tls.trust_path"))
        .hasMessageContaining("cluster.tls.trust_path is not set");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    JsonObject config = new JsonObject().put("cluster", new JsonObject().put("tls", new JsonObject().put("trust_path", empty.toString())));
    assertThatThrownBy(() -> TlsFiles.trust(config, "cluster.tls.trust_path"))
        .hasMessageContaining(empty + " (cluster.tls.trust_path) holds no certificate");
  }

  /** What the checks pass works: mutual TLS between peers holding trusted certificates, and nobody else. */
  @Test
  void checkedFilesMakeAWorkingMutualTlsConnection() throws Exception {
    PemKeyCertOptions serverKey = TlsFiles.keyCert(vertx, tls(server.cert(), server.key()), "http.tls");
    PemKeyCertOptions otherKey = TlsFiles.keyCert(vertx, tls(other.cert(), other.key()), "http.tls");
    PemTrustOptions trustServer = TlsFiles.trust(new JsonObject().put("trust_path", server.cert().toString()), "trust_path");
    NetServer echo = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
            .setKeyCertOptions(serverKey).setTrustOptions(trustServer).setClientAuth(ClientAuth.REQUIRED))
        .connectHandler(socket -> socket.handler(socket::write));
    int port = echo.listen().await().actualPort();
    try {
      NetClientOptions client = new NetClientOptions().setSsl(true).setHostnameVerificationAlgorithm("HTTPS");
      assertThat(echoThrough(new NetClientOptions(client).setTrustOptions(trustServer).setKeyCertOptions(serverKey), port))
          .isEqualTo("hello");
      assertThat(echoThrough(new NetClientOptions(client).setTrustOptions(trustServer).setKeyCertOptions(otherKey), port))
          .as("a client whose certificate the server does not trust").isNull();
      assertThat(echoThrough(new NetClientOptions(client).setKeyCertOptions(serverKey), port))
          .as("a client that does not trust the server's certificate").isNull();
    } finally {
      echo.close().await();
    }
  }

  /** What an echo server sent back for "hello", or null when the handshake failed or the server closed the socket. */
  private static String echoThrough(NetClientOptions options, int port) throws Exception {
    Promise<String> result = Promise.promise();
    // held until the exchange is over: Vert.x 5 closes a client nobody references, with its sockets
    NetClient client = vertx.createNetClient(options);
    client.connect(port, "127.0.0.1").onComplete(connected -> {
      if (connected.failed()) {
        result.tryComplete(null);
        return;
      }
      // with TLS 1.3 the client's handshake completes first; a server refusing its certificate then closes the socket
      NetSocket socket = connected.result();
      Buffer answer = Buffer.buffer();
      socket.handler(bytes -> {
        answer.appendBuffer(bytes);
        if (answer.length() >= 5) {
          result.tryComplete(answer.toString());
        }
      });
      socket.closeHandler(v -> result.tryComplete(null));
      socket.write("hello");
    });
    try {
      return result.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      client.close().await();
    }
  }
}
