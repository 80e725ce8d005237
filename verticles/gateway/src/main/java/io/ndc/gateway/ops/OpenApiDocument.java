package io.ndc.gateway.ops;

import io.ndc.contract.RawContent;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RouteSpec;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;

/** Builds {@code /openapi.json} from the route table, so every routed endpoint is documented by construction. */
public final class OpenApiDocument {
  private OpenApiDocument() {
  }

  public static JsonObject build(List<RouteSpec> routes, String version) {
    JsonObject paths = new JsonObject();
    addOperational(paths);
    addStreaming(paths);
    for (RouteSpec route : routes) {
      String path = route.fullPath(name -> "{" + name + "}");
      JsonObject item = paths.getJsonObject(path);
      if (item == null) {
        item = new JsonObject();
        paths.put(path, item);
      }
      item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
    }
    return new JsonObject()
        .put("openapi", "3.0.3")
        .put("info", new JsonObject().put("title", "New Data Collector API").put("version", version)
            .put("description", "Self-hosted market data: REST under /api/v1. Every response uses the envelope "
                + "{status, data} or {status, error:{code, message, details}}."))
        .put("paths", paths)
        .put("components", components());
  }

  private static JsonObject operation(RouteSpec route) {
    JsonArray parameters = new JsonArray();
    route.pathParams().forEach(p -> parameters.add(parameter(p, "path", true)));
    route.query().forEach(q -> parameters.add(parameter(q, "query", route.requiredQuery().contains(q))));
    route.requiredQuery().stream().filter(q -> !route.query().contains(q))
        .forEach(q -> parameters.add(parameter(q, "query", true)));
    JsonObject op = new JsonObject()
        .put("tags", new JsonArray().add(route.tag()))
        .put("summary", route.summary())
        .put("operationId", route.method().name().toLowerCase(Locale.ROOT) + route.fullPath().replaceAll("[^A-Za-z0-9]+", "_"))
        .put("parameters", parameters)
        .put("x-permission", route.permission())
        .put("responses", new JsonObject()
            .put(String.valueOf(route.successStatus()), response("Success", "#/components/schemas/Success"))
            .put("default", response("Error in the envelope", "#/components/schemas/Error")));
    // encoded data is the JSON envelope on the wire: nothing to add
    if (route.rawType() != null && !route.rawType().equals(RawContent.ENCODED_DATA)) {
      op.getJsonObject("responses").getJsonObject(String.valueOf(route.successStatus())).getJsonObject("content")
          .put(route.rawType(), new JsonObject().put("schema", new JsonObject().put("type", "string")));
    }
    if (!Permissions.PUBLIC.equals(route.permission())) {
      op.put("security", new JsonArray().add(new JsonObject().put("bearerAuth", new JsonArray())));
    }
    if (route.consumes() != null) {
      JsonObject schema = route.consumes().equals("application/json")
          ? new JsonObject().put("type", "object")
          : new JsonObject().put("type", "string");
      op.put("requestBody", new JsonObject().put("required", true)
          .put("content", new JsonObject().put(route.consumes(), new JsonObject().put("schema", schema))));
    }
    return op;
  }

  private static JsonObject parameter(String name, String in, boolean required) {
    return new JsonObject().put("name", name).put("in", in).put("required", required)
        .put("schema", new JsonObject().put("type", "string"));
  }

  private static JsonObject response(String description, String ref) {
    return new JsonObject().put("description", description)
        .put("content", new JsonObject().put("application/json",
            new JsonObject().put("schema", new JsonObject().put("$ref", ref))));
  }

  private static void addOperational(JsonObject paths) {
    paths.put("/health", new JsonObject().put("get", plain("ops", "Liveness: 200 while the process runs")));
    paths.put("/ready", new JsonObject().put("get", plain("ops",
        "Readiness: 200 when every service and dependency is up, 503 naming what is down")));
    paths.put("/metrics", new JsonObject().put("get", new JsonObject().put("tags", new JsonArray().add("ops"))
        .put("summary", "Prometheus metrics").put("responses", new JsonObject().put("200",
            new JsonObject().put("description", "text exposition format")))));
    paths.put("/openapi.json", new JsonObject().put("get", new JsonObject().put("tags", new JsonArray().add("ops"))
        .put("summary", "This document").put("responses", new JsonObject().put("200",
            new JsonObject().put("description", "OpenAPI 3 document")))));
  }

  /** The WebSocket and bridge endpoints: not bus routes, but part of the API and documented with it. */
  private static void addStreaming(JsonObject paths) {
    paths.put("/ws/v1/stream", new JsonObject().put("get", new JsonObject()
        .put("tags", new JsonArray().add("stream"))
        .put("summary", "Live trades, 1m bars and alerts over WebSocket (upgrade). First frame {\"action\":\"auth\",\"token\"} "
            + "or ?access_token=; then subscribe/unsubscribe/replay/ping. ?batch=1 batches events every 50 ms. Channels: "
            + "trades and bars.1m need stream:read, alerts notifications:own, symbol \"*\" stream:all.")
        .put("x-permission", "stream:read")
        .put("parameters", new JsonArray()
            .add(parameter("access_token", "query", false))
            .add(parameter("batch", "query", false)))
        .put("responses", new JsonObject().put("101", new JsonObject().put("description", "Switching Protocols")))));
    paths.put("/eventbus/{path}", new JsonObject().put("get", new JsonObject()
        .put("tags", new JsonArray().add("stream"))
        .put("summary", "SockJS event-bus bridge (Vert.x event-bus client): ndc.market.* publications outbound, read-only "
            + "query addresses inbound; the access token goes in the message headers (Authorization: Bearer ...). The same "
            + "bridge speaks 4-byte-length-prefixed JSON over TCP on the bridge port.")
        .put("x-permission", "stream:read")
        .put("parameters", new JsonArray().add(parameter("path", "path", true)))
        .put("responses", new JsonObject().put("200", new JsonObject().put("description", "SockJS transport")))));
  }

  private static JsonObject plain(String tag, String summary) {
    return new JsonObject().put("tags", new JsonArray().add(tag)).put("summary", summary)
        .put("responses", new JsonObject()
            .put("200", response("Success", "#/components/schemas/Success"))
            .put("503", response("Not ready", "#/components/schemas/Error")));
  }

  private static JsonObject components() {
    JsonObject error = new JsonObject().put("type", "object")
        .put("required", new JsonArray().add("status").add("error"))
        .put("properties", new JsonObject()
            .put("status", new JsonObject().put("type", "string").put("enum", new JsonArray().add("error")))
            .put("error", new JsonObject().put("type", "object")
                .put("required", new JsonArray().add("code").add("message"))
                .put("properties", new JsonObject()
                    .put("code", new JsonObject().put("type", "string"))
                    .put("message", new JsonObject().put("type", "string"))
                    .put("details", new JsonObject().put("type", "object")))));
    JsonObject success = new JsonObject().put("type", "object")
        .put("required", new JsonArray().add("status").add("data"))
        .put("properties", new JsonObject()
            .put("status", new JsonObject().put("type", "string").put("enum", new JsonArray().add("success")))
            .put("data", new JsonObject()));
    return new JsonObject()
        .put("schemas", new JsonObject().put("Success", success).put("Error", error))
        .put("securitySchemes", new JsonObject().put("bearerAuth",
            new JsonObject().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")));
  }
}
