package io.ndc.contract;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * What a service says about itself: up when every dependency it needs is up. {@code details} is information that
 * does not decide up or down (circuit breakers, a source's freshness): a vendor outage must not make NDC unready.
 */
public record HealthReport(String service, String node, boolean up, List<DependencyStatus> dependencies, JsonObject details) {

  public HealthReport(String service, String node, boolean up, List<DependencyStatus> dependencies) {
    this(service, node, up, dependencies, new JsonObject());
  }

  /** One dependency (a database, a broker, a breaker) and why it is down, when it is. */
  public record DependencyStatus(String name, boolean up, String detail) {
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("name", name).put("status", up ? "UP" : "DOWN");
      if (detail != null) {
        json.put("detail", detail);
      }
      return json;
    }

    public static DependencyStatus fromJson(JsonObject json) {
      return new DependencyStatus(json.getString("name"), "UP".equals(json.getString("status")), json.getString("detail"));
    }
  }

  public JsonObject toJson() {
    JsonArray deps = new JsonArray();
    dependencies.forEach(d -> deps.add(d.toJson()));
    return new JsonObject()
        .put("service", service)
        .put("node", node)
        .put("status", up ? "UP" : "DOWN")
        .put("dependencies", deps)
        .put("details", details);
  }

  public static HealthReport fromJson(JsonObject json) {
    List<DependencyStatus> deps = json.getJsonArray("dependencies", new JsonArray()).stream()
        .map(o -> DependencyStatus.fromJson((JsonObject) o))
        .toList();
    return new HealthReport(json.getString("service"), json.getString("node"), "UP".equals(json.getString("status")), deps,
        json.getJsonObject("details", new JsonObject()));
  }
}
