package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.gateway.HttpGatewayVerticle;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated frames on the TCP bridge (issue 15): length-prefixed JSON of every message type with odd addresses,
 * headers and bodies, raw bytes, and lengths that lie. The bridge answers or closes the connection, never hangs;
 * what it answers names no library; and afterwards a fresh connection still gets its pong.
 */
class BridgeFrameProperties {
  private static final String DB = TestConfig.uniqueDatabase("bridge_frames");
  private static final Pattern INTERNAL = Pattern.compile("(?i)jackson|netty|io\\.vertx\\.core|java\\.|Exception");
  private static TestNode node;

  @BeforeContainer
  static void start() {
    node = TestNode.start(TestNode.config(DB));
  }

  @AfterContainer
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  private static int port() {
    return (Integer) node.vertx.sharedData().getLocalMap(HttpGatewayVerticle.NODE_MAP).get(HttpGatewayVerticle.BRIDGE_PORT_KEY);
  }

  private static byte[] frame(byte[] body) {
    return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
  }

  @Provide
  Arbitrary<byte[]> inputs() {
    Arbitrary<String> type = Arbitraries.of("send", "publish", "register", "unregister", "ping", "x", "");
    Arbitrary<String> address = Arbitraries.of("ndc.market.trade.AAPL", "ndc.market.trade.*", "ndc.storage.bars.query",
        "ndc.auth.users.create", "", "a".repeat(300), "ndc.market.bar.1m.\u0000");
    Arbitrary<Object> body = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(50).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i), Arbitraries.just((Object) null),
        Arbitraries.just((Object) new JsonObject().put("symbol", "AAPL")));
    Arbitrary<byte[]> json = Combinators.combine(type, address, body, Arbitraries.of(true, false)).as((t, a, b, headers) -> {
      JsonObject message = new JsonObject().put("type", t).put("address", a).put("body", b);
      if (headers) {
        message.put("headers", new JsonObject().put("Authorization", "Bearer not.a.token"));
      }
      return frame(message.encode().getBytes(StandardCharsets.UTF_8));
    });
    Arbitrary<byte[]> garbage = Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(BridgeFrameProperties::frame);
    Arbitrary<byte[]> lying = Arbitraries.integers().between(0, Integer.MAX_VALUE).map(n ->
        ByteBuffer.allocate(12).putInt(n).put("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).array());
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, json), net.jqwik.api.Tuple.of(2, garbage),
        net.jqwik.api.Tuple.of(2, lying));
  }

  @Property(tries = 120)
  void theBridgeAnswersOrClosesAndStaysUp(@ForAll("inputs") byte[] input) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port())) {
      // a frame declared longer than what was sent is waited for by design: 2 s of silence is that wait
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write(input);
      socket.getOutputStream().write(frame("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
      long declared = Integer.toUnsignedLong(ByteBuffer.wrap(input, 0, 4).getInt());
      readUntilPongOrClose(socket, declared > input.length - 4);
    } catch (SocketException reset) {
      // a reset is a close
    }
    try (Socket fresh = new Socket("127.0.0.1", port())) {
      fresh.setSoTimeout(5_000);
      fresh.getOutputStream().write(frame("{\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8)));
      assertThat(readUntilPongOrClose(fresh, false)).as("a fresh connection is answered").isTrue();
    }
  }

  /** True on pong, false when the server closed first; fails on silence (the read timeout) unless a frame is incomplete. */
  private static boolean readUntilPongOrClose(Socket socket, boolean incomplete) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    while (true) {
      int length;
      try {
        length = in.readInt();
      } catch (EOFException | SocketException closed) {
        return false;
      } catch (SocketTimeoutException silent) {
        // a declared length longer than what was sent is waited for: that is the one silence allowed
        assertThat(incomplete).as("silence only while a declared frame is incomplete").isTrue();
        return false;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(in.readNBytes(length));
      String text = body.toString(StandardCharsets.UTF_8);
      assertThat(INTERNAL.matcher(text).find()).as(text).isFalse();
      if (text.contains("\"pong\"")) {
        return true;
      }
    }
  }
}
