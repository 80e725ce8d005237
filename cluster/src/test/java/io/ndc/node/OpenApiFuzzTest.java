package io.ndc.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ServiceName;
import io.ndc.platform.testing.TestConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on every route, driven by the node's own {@code /openapi.json} (issue 15): each operation's path and
 * query parameters and body fields (named in its summary, {@code {id, type, ...}}) get wrong types, extremes, NUL and
 * control characters, huge and deep values, broken JSON and wrong content types, for {@code ndc.fuzz.seconds} (a
 * fixed seed, {@code ndc.fuzz.seed}). It fails on any 5xx, any body outside the envelope, any library or class name
 * in a message, any answer slower than {@link #SLOW_MS}, and heap growth past {@link #MAX_HEAP_GROWTH} after the run.
 * docs/reliability.md records what it tried and found.
 */
class OpenApiFuzzTest {
  private static final String DB = TestConfig.uniqueDatabase("fuzz");
  /** Slower than this is a finding: every refusal is cheap, and every service answers within the bus timeout. */
  private static final long SLOW_MS = 6_000;
  private static final long MAX_HEAP_GROWTH = 128L * 1024 * 1024;
  private static final Pattern INTERNAL = Pattern.compile(
      "(?i)jackson|netty|io\\.vertx|java\\.|org\\.postgresql|org\\.apache|SQLSTATE|Exception|StreamRead|JsonRead|Constraints\\.");
  private static final Pattern BODY_FIELDS = Pattern.compile("\\{([a-z_]+(?:[?|]?,\\s*[a-z_.]+[?]?)*)");
  /** Routes with their own protocol (WebSocket, SockJS) or no envelope by contract; the others are fuzzed. */
  private static final List<String> SKIPPED = List.of("/ws/v1/stream", "/eventbus/{path}");
  private static final List<String> NOT_ENVELOPED = List.of("/metrics", "/openapi.json", "/.well-known/jwks.json");

  private static TestNode node;
  private static String admin;

  private record Operation(HttpMethod method, String path, List<String> pathParams, List<String> queryParams,
      String mediaType, List<String> bodyFields) {
  }

  @BeforeAll
  static void start() {
    JsonObject config = CollectionRest.config(DB);
    config.put("gateway", new JsonObject().put("rate_limit", new JsonObject().put("enabled", false)));
    config.put("notification", new JsonObject().put("queue_prefix", "test." + DB + ".notify"));
    node = TestNode.start(config, ServiceName.STORAGE, ServiceName.COLLECTOR, ServiceName.ANALYSIS,
        ServiceName.NOTIFICATION);
    admin = TestUsers.adminToken(node);
  }

  @AfterAll
  static void stop() {
    node.close();
    TestConfig.dropDatabase(DB);
  }

  @Test
  void noRouteAnswersHostileInputWithA5xxALeakOrAStall() {
    long seed = Long.getLong("ndc.fuzz.seed", 20261204L);
    long seconds = Long.getLong("ndc.fuzz.seconds", 40L);
    Random random = new Random(seed);
    List<Operation> operations = operations();
    assertThat(operations).as("operations in /openapi.json").hasSizeGreaterThan(40);
    long heapBefore = heapAfterGc();
    List<String> findings = new ArrayList<>();
    int requests = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline && findings.size() < 30) {
      Operation operation = operations.get(random.nextInt(operations.size()));
      String finding = attempt(operation, random);
      requests++;
      if (finding != null) {
        findings.add(finding);
      }
    }
    long growth = heapAfterGc() - heapBefore;
    System.out.printf("fuzz: seed %d, %d requests over %d operations in %d s, heap growth %d KiB, %d findings%n",
        seed, requests, operations.size(), seconds, growth / 1024, findings.size());
    assertThat(findings).as("findings (seed %d)", seed).isEmpty();
    assertThat(growth).as("heap growth after the run").isLessThan(MAX_HEAP_GROWTH);
  }

  private static List<Operation> operations() {
    JsonObject paths = new JsonObject(node.get("/openapi.json", null).bodyAsString()).getJsonObject("paths");
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, Object> path : paths) {
      if (SKIPPED.contains(path.getKey())) {
        continue;
      }
      for (Map.Entry<String, Object> method : (JsonObject) path.getValue()) {
        JsonObject op = (JsonObject) method.getValue();
        List<String> inPath = new ArrayList<>();
        List<String> inQuery = new ArrayList<>();
        op.getJsonArray("parameters", new JsonArray()).forEach(p -> {
          JsonObject parameter = (JsonObject) p;
          (parameter.getString("in").equals("path") ? inPath : inQuery).add(parameter.getString("name"));
        });
        JsonObject content = op.getJsonObject("requestBody", new JsonObject()).getJsonObject("content");
        String mediaType = content == null ? null : content.fieldNames().iterator().next();
        operations.add(new Operation(HttpMethod.valueOf(method.getKey().toUpperCase()), path.getKey(), inPath, inQuery,
            mediaType, bodyFields(op.getString("summary", ""))));
      }
    }
    return operations;
  }

  /** The fields a summary names in braces ({@code {source, interval, rows:[...]}}). */
  private static List<String> bodyFields(String summary) {
    List<String> fields = new ArrayList<>();
    Matcher m = BODY_FIELDS.matcher(summary);
    while (m.find()) {
      for (String field : m.group(1).split(",")) {
        String name = field.trim().replaceAll("[^a-z_].*", "");
        if (!name.isEmpty() && !fields.contains(name)) {
          fields.add(name);
        }
      }
    }
    return fields;
  }

  /** One request; a description of what is wrong with its answer, or null. */
  private static String attempt(Operation op, Random random) {
    String path = op.path();
    for (String name : op.pathParams()) {
      path = path.replace("{" + name + "}", encode(HostileValues.text(random)));
    }
    StringBuilder query = new StringBuilder();
    for (String name : op.queryParams()) {
      if (random.nextInt(3) > 0) {
        query.append(query.length() == 0 ? '?' : '&').append(name).append('=').append(encode(HostileValues.text(random)));
      }
    }
    String uri = path + query;
    HttpRequest<Buffer> request = node.client.request(op.method(), node.port, "127.0.0.1", uri)
        .timeout(SLOW_MS * 3);
    if (random.nextInt(10) > 0) {
      request.bearerTokenAuthentication(admin);
    }
    Buffer body = null;
    if (op.mediaType() != null || random.nextInt(8) == 0) {
      String type = random.nextInt(6) == 0 ? HostileValues.contentType(random)
          : op.mediaType() == null ? "application/json" : op.mediaType();
      request.putHeader("Content-Type", type);
      body = "text/csv".equals(op.mediaType()) && random.nextBoolean() ? Buffer.buffer(HostileValues.csv(random))
          : HostileValues.body(random, op.bodyFields());
    }
    long started = System.nanoTime();
    HttpResponse<Buffer> response;
    try {
      response = (body == null ? request.send() : request.sendBuffer(body)).await();
    } catch (RuntimeException e) {
      return op.method() + " " + uri(uri) + ": no answer (" + e.getMessage() + ")";
    }
    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    return judge(op, uri, response, ms);
  }

  private static String judge(Operation op, String uri, HttpResponse<Buffer> response, long ms) {
    String what = op.method() + " " + uri(uri) + " -> " + response.statusCode();
    if (response.statusCode() >= 500 && response.statusCode() != 503) {
      return what + ": " + text(response);
    }
    if (ms > SLOW_MS) {
      return what + ": answered after " + ms + " ms";
    }
    if (NOT_ENVELOPED.contains(op.path()) && response.statusCode() < 400) {
      return null;
    }
    JsonObject envelope;
    try {
      envelope = response.bodyAsJsonObject();
    } catch (RuntimeException e) {
      envelope = null;
    }
    if (envelope == null || !List.of("success", "error").contains(envelope.getString("status"))) {
      String type = response.getHeader("Content-Type");
      // raw replies (SVG charts, CSV) are the route's content, not an envelope
      return response.statusCode() < 400 && type != null && !type.startsWith("application/json") ? null
          : what + ": body outside the envelope: " + text(response);
    }
    JsonObject error = envelope.getJsonObject("error");
    if (error != null && error.getString("message") != null && INTERNAL.matcher(error.getString("message")).find()) {
      return what + ": internals in the message: " + error.getString("message");
    }
    if (response.statusCode() == 503 && !"SERVICE_UNAVAILABLE".equals(error == null ? null : error.getString("code"))) {
      return what + ": " + text(response);
    }
    return null;
  }

  private static String text(HttpResponse<Buffer> response) {
    String body = response.bodyAsString();
    return body == null ? "(empty)" : body.substring(0, Math.min(300, body.length()));
  }

  private static String uri(String uri) {
    return uri.substring(0, Math.min(160, uri.length()));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
