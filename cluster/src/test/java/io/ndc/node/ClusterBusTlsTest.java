package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ndc.platform.testing.TestCertificates;
import io.ndc.platform.testing.Waits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three clustered nodes started as the launcher starts them, with {@code cluster.tls}: A and B hold the shared node
 * certificate and trust it; C (the intruder) holds a certificate of its own, and even trusts the nodes' one. A and B
 * talk over the bus; C and A get nothing across to each other, in either direction, although Hazelcast (not
 * encrypted) lets C join and see who listens where.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterBusTlsTest {
  private static final String MEMBERS = "127.0.0.1:5815,127.0.0.1:5816,127.0.0.1:5817";
  /** Where no answer is the expected outcome: long enough for a connection that would work, short enough to wait out. */
  private static final DeliveryOptions SHORT = new DeliveryOptions().setSendTimeout(1500);
  /** Where an answer is expected: the first request also opens the TLS connection, which on a busy machine takes seconds. */
  private static final DeliveryOptions ANSWERED = new DeliveryOptions().setSendTimeout(15_000);
  @TempDir
  static Path dir;
  private TestCertificates.Pem nodes;
  private NdcNode memberA;
  private NdcNode memberB;
  private NdcNode intruder;

  private static JsonObject config(int port, Path cert, Path key, Path trust) {
    return new JsonObject()
        .put("node", new JsonObject().put("id", "tls-" + port))
        .put("cluster", new JsonObject().put("enabled", true).put("host", "127.0.0.1").put("port", port).put("port_count", 1)
            .put("members", MEMBERS)
            .put("tls", new JsonObject().put("cert_path", cert.toString()).put("key_path", key.toString())
                .put("trust_path", trust.toString())));
  }

  private static NdcNode start(JsonObject config) throws Exception {
    NdcNode node = new NdcNode(config, List.of());
    node.start().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return node;
  }

  @BeforeAll
  void startMembers() throws Exception {
    nodes = TestCertificates.selfSigned(dir, "nodes");
    TestCertificates.Pem own = TestCertificates.selfSigned(dir, "intruder");
    Path trustsBoth = Files.writeString(dir.resolve("both.crt"), Files.readString(nodes.cert()) + Files.readString(own.cert()));
    memberA = start(config(5815, nodes.cert(), nodes.key(), nodes.cert()));
    memberB = start(config(5816, nodes.cert(), nodes.key(), nodes.cert()));
    intruder = start(config(5817, own.cert(), own.key(), trustsBoth));
  }

  @AfterAll
  void stop() {
    for (NdcNode node : new NdcNode[] {intruder, memberB, memberA}) {
      if (node != null) {
        node.drain();
      }
    }
  }

  /** A consumer that echoes and counts what reached it. */
  private static AtomicInteger echo(Vertx vertx, String address) {
    AtomicInteger received = new AtomicInteger();
    vertx.eventBus().<String>consumer(address, message -> {
      received.incrementAndGet();
      message.reply("echo " + message.body());
    }).completion().await();
    return received;
  }

  /**
   * The outcome of a request once the sender knows a handler exists somewhere: registrations reach the other members
   * through Hazelcast a moment after they complete, and until then a request fails with NO_HANDLERS, which would say
   * nothing about TLS.
   */
  private static Future<Message<String>> requestOnceKnown(Vertx from, String address, DeliveryOptions delivery) {
    return Waits.until(Waits.await("the sender knows a handler for " + address).atMost(Duration.ofSeconds(10)),
        () -> {
          Future<Message<String>> reply = from.eventBus().request(address, "hello", delivery);
          reply.otherwiseEmpty().await();
          return reply;
        },
        reply -> !(reply.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS),
        reply -> reply.cause());
  }

  @Test
  void membersHoldingTheTrustedCertificateTalk() throws Exception {
    AtomicInteger received = echo(memberA.vertx(), "tls.test.a");
    assertThat(requestOnceKnown(memberB.vertx(), "tls.test.a", ANSWERED).await().body()).isEqualTo("echo hello");
    assertThat(received.get()).isPositive();
  }

  @Test
  void aMemberWithAnUntrustedCertificateGetsNothingAcrossEitherWay() throws Exception {
    AtomicInteger onA = echo(memberA.vertx(), "tls.test.to-a");
    assertThatThrownBy(() -> requestOnceKnown(intruder.vertx(), "tls.test.to-a", SHORT).await())
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isNotEqualTo(ReplyFailure.NO_HANDLERS));
    assertThat(onA.get()).as("A must refuse the intruder's connection").isZero();

    AtomicInteger onIntruder = echo(intruder.vertx(), "tls.test.to-intruder");
    assertThatThrownBy(() -> requestOnceKnown(memberA.vertx(), "tls.test.to-intruder", SHORT).await())
        .isInstanceOfSatisfying(ReplyException.class, e -> assertThat(e.failureType()).isNotEqualTo(ReplyFailure.NO_HANDLERS));
    assertThat(onIntruder.get()).as("A must not send to a node it does not trust").isZero();
  }

  @Test
  void unusableFilesStopTheNodeBeforeItJoins() throws Exception {
    Path missing = dir.resolve("missing.key");
    JsonObject badKey = config(5818, nodes.cert(), missing, nodes.cert());
    assertThatThrownBy(() -> start(badKey)).hasMessageContaining("cannot read " + missing + " (cluster.tls.key_path)");
    JsonObject noTrust = config(5818, nodes.cert(), nodes.key(), nodes.cert());
    noTrust.getJsonObject("cluster").getJsonObject("tls").remove("trust_path");
    assertThatThrownBy(() -> start(noTrust)).hasMessageContaining("cluster.tls.trust_path is not set");
  }
}
