package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ErrorCode;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Generated frames on a signed-in {@code /ws/v1/stream} connection (issue 15): JSON of every shape, with known and
 * unknown actions, fields of wrong types, odd symbols and channels, and text that is not JSON. Every answer is a JSON
 * frame with a type, an error names an NDC code and no library, the connection stays open, and a ping sent after the
 * frame is answered within a bound: frames are handled in order and none stalls the session.
 */
class StreamFrameProperties {
  private static final String DB = TestConfig.uniqueDatabase("stream_frames");
  private static final Pattern INTERNAL = Pattern.compile("(?i)jackson|netty|io\\.vertx|java\\.|Exception");
  private static final List<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
  private static TestNode node;
  private static WebSocket socket;
  private static final LinkedBlockingQueue<String> FRAMES = new LinkedBlockingQueue<>();
  private static final AtomicInteger CLOSED = new AtomicInteger(-1);
  private static final AtomicInteger PINGS = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    JsonObject config = TestNode.config(DB);
    config.put("bus", new JsonObject().put("timeout_ms", 1000));
    node = TestNode.start(config);
    String token = TestUsers.tokenFor(node, "operator");
    socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + node.port + "/ws/v1/stream"), new WebSocket.Listener() {
          private final StringBuilder partial = new StringBuilder();

          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
              FRAMES.add(partial.toString());
              partial.setLength(0);
            }
            ws.request(1);
            return null;
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            CLOSED.set(status);
            return null;
          }
        }).get(10, TimeUnit.SECONDS);
    socket.sendText(new JsonObject().put("action", "auth").put("token", token).encode(), true).get(5, TimeUnit.SECONDS);
    assertThat(FRAMES.poll(10, TimeUnit.SECONDS)).contains("authenticated");
  }

  @AfterContainer
  static void stop() {
    socket.abort();
    node.close();
    TestConfig.dropDatabase(DB);
  }

  @Provide
  Arbitrary<String> frames() {
    Arbitrary<Object> value = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
        Arbitraries.of("AAPL", "*", "aapl; drop", "trades", "bars.1m", "indicators.5m", "alerts", "quotes", "",
            "2024-01-01", "1m", "daily", "\u0000").map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.doubles().map(d -> (Object) d),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just((Object) null),
        Arbitraries.of("AAPL", "MSFT", "*", "x y", "rsi:14", "sma:0").list().ofMaxSize(6).map(l -> (Object) new JsonArray(
            List.copyOf(l))));
    Arbitrary<String> field = Arbitraries.of("action", "channels", "symbols", "indicators", "symbol", "interval", "from",
        "to", "speed", "id", "token", "batch", "x");
    Arbitrary<String> action = Arbitraries.of("subscribe", "unsubscribe", "replay", "ping", "auth", "fly", "");
    Arbitrary<String> json = Combinators.combine(action, Arbitraries.maps(field, value).ofMaxSize(6)).as((a, fields) -> {
      JsonObject frame = new JsonObject();
      fields.forEach(frame::put);
      if (!fields.containsKey("action")) {
        frame.put("action", a);
      }
      return frame.encode();
    });
    Arbitrary<String> broken = Arbitraries.of("not json", "[1,2]", "{", "null", "\"text\"", "{\"action\":NaN}",
        "{\"action\":\"ping\",\"id\":1e999}", "[[[[[[[[[[[[]]]]]]]]]]]]", "{\"action\":\"subscribe\",\"channels\":\"trades\"}");
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, json), net.jqwik.api.Tuple.of(2, broken));
  }

  @Property(tries = 300)
  void everyFrameIsAnsweredInTheEnvelopeAndTheSessionGoesOn(@ForAll("frames") String frame) throws Exception {
    socket.sendText(frame, true).get(5, TimeUnit.SECONDS);
    String fence = "fence-" + PINGS.incrementAndGet();
    socket.sendText(new JsonObject().put("action", "ping").put("id", fence).encode(), true).get(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      String answer = FRAMES.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(answer).as("an answer to %s before its ping's pong", frame).isNotNull();
      JsonObject parsed = new JsonObject(answer);
      assertThat(parsed.getString("type")).as(answer).isNotBlank();
      if ("error".equals(parsed.getString("type"))) {
        assertThat(CODES).as(answer).contains(parsed.getString("code"));
        assertThat(INTERNAL.matcher(String.valueOf(parsed.getString("message"))).find()).as(answer).isFalse();
      }
      if ("pong".equals(parsed.getString("type")) && fence.equals(parsed.getString("id"))) {
        break;
      }
    }
    assertThat(CLOSED.get()).as("the connection stays open").isEqualTo(-1);
  }
}
