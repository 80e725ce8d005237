package io.ndc.collector.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server that replays recorded vendor payloads ({@code fixtures/<source>/...} on the test classpath).
 * Each path has a script of responses: each request takes the next one, the last one repeats. Requests are recorded.
 */
public final class FixtureServer {
  /** One scripted answer. */
  public record Reply(int status, String contentType, String body) {
    public static Reply fixture(String resource) {
      String type = resource.endsWith(".json") ? "application/json" : resource.endsWith(".html") ? "text/html" : "text/csv";
      return new Reply(200, type, read(resource));
    }

    public static Reply status(int status, String body) {
      return new Reply(status, "text/plain", body);
    }
  }

  /** A request as the server saw it. */
  public record Seen(String path, MultiMap query, MultiMap headers, long atMillis) {
  }

  private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;

  public static String read(String resource) {
    try (InputStream in = FixtureServer.class.getClassLoader().getResourceAsStream("fixtures/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FixtureServer on(String path, Reply... replies) {
    scripts.put(path, new ArrayDeque<>(List.of(replies)));
    return this;
  }

  public Future<FixtureServer> start(Vertx vertx) {
    server = vertx.createHttpServer().requestHandler(this::handle);
    return server.listen(0, "127.0.0.1").map(s -> this);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  public long count(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).count();
  }

  /** A script for requests to {@code path} whose query or form parameter {@code param} is {@code value}. */
  public FixtureServer on(String path, String param, String value, Reply... replies) {
    return on(path + "?" + param + "=" + value, replies);
  }

  private void handle(HttpServerRequest request) {
    if (request.method() == io.vertx.core.http.HttpMethod.POST) {
      request.setExpectMultipart(true);
    }
    request.end().onComplete(ar -> answer(request));
  }

  private void answer(HttpServerRequest request) {
    MultiMap params = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
    if (request.method() == io.vertx.core.http.HttpMethod.POST) {
      params.addAll(request.formAttributes());
    }
    seen.add(new Seen(request.path(), params, MultiMap.caseInsensitiveMultiMap().addAll(request.headers()), System.currentTimeMillis()));
    Deque<Reply> script = null;
    for (Map.Entry<String, String> p : params) {
      script = script != null ? script : scripts.get(request.path() + "?" + p.getKey() + "=" + p.getValue());
    }
    script = script != null ? script : scripts.get(request.path());
    if (script == null || script.isEmpty()) {
      request.response().setStatusCode(404).end("no fixture for " + request.path());
      return;
    }
    Reply reply;
    synchronized (script) {
      reply = script.size() > 1 ? script.pollFirst() : script.peekFirst();
    }
    request.response().setStatusCode(reply.status()).putHeader("Content-Type", reply.contentType()).end(reply.body());
  }
}
