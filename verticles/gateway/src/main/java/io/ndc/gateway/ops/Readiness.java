package io.ndc.gateway.ops;

import io.ndc.contract.Failure;
import io.ndc.contract.HealthReport;
import io.ndc.contract.ServiceName;
import io.ndc.contract.SystemAddresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Readiness of the whole system as this gateway sees it: every required service must answer its health check
 * (wherever in the cluster it runs) and report its dependencies up. The gateway's own check is asked locally so a
 * second gateway elsewhere cannot answer for this one.
 */
public final class Readiness {
  private final Vertx vertx;
  private final List<ServiceName> required;
  private final long timeoutMs;

  public Readiness(Vertx vertx, List<ServiceName> required, long timeoutMs) {
    this.vertx = vertx;
    this.required = required;
    this.timeoutMs = timeoutMs;
  }

  /** A JSON report: {@code status} UP or DOWN, {@code down} naming what is down, {@code services} the reports. */
  public Future<JsonObject> check() {
    List<Future<JsonObject>> checks = new ArrayList<>();
    for (ServiceName service : required) {
      DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeoutMs).setLocalOnly(service == ServiceName.GATEWAY);
      checks.add(vertx.eventBus().<JsonObject>request(SystemAddresses.healthCheck(service), new JsonObject(), options)
          .map(reply -> reply.body())
          .otherwise(error -> new HealthReport(service.id(), null, false, List.of(
              new HealthReport.DependencyStatus("service", false, Failure.from(error).getMessage()))).toJson()));
    }
    return Future.join(checks).transform(done -> {
      JsonArray services = new JsonArray();
      JsonArray down = new JsonArray();
      for (Future<JsonObject> f : checks) {
        JsonObject report = f.result();
        services.add(report);
        if (!"UP".equals(report.getString("status"))) {
          down.add(describeDown(report));
        }
      }
      return Future.succeededFuture(new JsonObject()
          .put("status", down.isEmpty() ? "UP" : "DOWN")
          .put("down", down)
          .put("services", services));
    });
  }

  private static String describeDown(JsonObject report) {
    StringBuilder text = new StringBuilder(report.getString("service"));
    List<String> parts = new ArrayList<>();
    report.getJsonArray("dependencies", new JsonArray()).forEach(o -> {
      JsonObject dep = (JsonObject) o;
      if (!"UP".equals(dep.getString("status"))) {
        parts.add(dep.getString("name") + ": " + dep.getString("detail", "down"));
      }
    });
    if (!parts.isEmpty()) {
      text.append(" (").append(String.join("; ", parts)).append(')');
    }
    return text.toString();
  }
}
