package io.ndc.collector.api;

import io.ndc.collector.jobs.JobQueue;
import io.ndc.collector.jobs.JobSubmitter;
import io.ndc.collector.source.Adapters;
import io.ndc.collector.source.Capability;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.store.Collector;
import io.ndc.collector.store.CollectorStore;
import io.ndc.collector.store.JobStore;
import io.ndc.contract.Page;
import io.ndc.collector.store.SourceStore;
import io.ndc.collector.live.LiveFeeds;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;

/** Collectors and their jobs: {@code /collectors}, {@code /collectors/{id}/run}, {@code /jobs}. */
final class CollectorApi {
  private static final Set<String> PATCHABLE = Set.of("source", "dataset", "symbols", "interval", "start_date", "end_date", "live", "params");

  private final Vertx vertx;
  private final CollectorStore collectors;
  private final SourceStore sources;
  private final JobStore jobs;
  private final JobSubmitter submitter;
  private final Adapters adapters;

  CollectorApi(Vertx vertx, CollectorStore collectors, SourceStore sources, JobStore jobs, JobQueue queue, Adapters adapters) {
    this.vertx = vertx;
    this.collectors = collectors;
    this.sources = sources;
    this.jobs = jobs;
    this.submitter = new JobSubmitter(jobs, queue);
    this.adapters = adapters;
  }

  Future<JsonObject> create(JsonObject body) {
    Collector collector = Collector.fromRequest(UUID.randomUUID(), body);
    return checkSource(collector)
        .compose(v -> collectors.insert(collector, false))
        .compose(c -> collectors.getJson(c.id()))
        .onSuccess(v -> LiveFeeds.changed(vertx));
  }

  /** The source must exist and offer what the collector wants. */
  private Future<Void> checkSource(Collector collector) {
    return sources.definition(collector.sourceId())
        .recover(e -> Future.failedFuture(e instanceof Failure f && f.status() == 404
            ? Failure.validation("no source '" + collector.sourceId() + "'") : e))
        .map(definition -> {
          SourceAdapter adapter = adapters.adapter(definition);
          Capability needed = collector.live() ? Capability.LIVE_TRADES : collector.dataset().capability();
          if (!adapter.capabilities().contains(needed)) {
            throw Failure.validation("source '" + definition.id() + "' (" + definition.type() + ") does not provide " + needed
                + "; it provides " + adapter.capabilities());
          }
          if (collector.symbols().contains(io.ndc.contract.MarketAddresses.ALL_SYMBOLS)) {
            adapter.allSymbols();
          }
          return null;
        });
  }

  Future<JsonObject> get(JsonObject body) {
    return collectors.getJson(Ids.required(body, "id"));
  }

  Future<JsonObject> list(JsonObject body) {
    return collectors.list(Page.fromJson(body));
  }

  Future<JsonObject> update(JsonObject body) {
    UUID id = Ids.required(body, "id");
    return collectors.get(id).compose(existing -> {
      JsonObject merged = existing.toRequest();
      body.forEach(e -> {
        if (PATCHABLE.contains(e.getKey())) {
          merged.put(e.getKey(), e.getValue());
        }
      });
      Collector updated = Collector.fromRequest(id, merged);
      return checkSource(updated).compose(v -> collectors.update(updated));
    }).compose(c -> collectors.getJson(id)).onSuccess(v -> LiveFeeds.changed(vertx));
  }

  Future<JsonObject> delete(JsonObject body) {
    UUID id = Ids.required(body, "id");
    return collectors.delete(id).map(deleted -> {
      if (!deleted) {
        throw Failure.notFound("no collector " + id);
      }
      LiveFeeds.changed(vertx);
      return new JsonObject().put("id", id.toString()).put("deleted", true);
    });
  }

  /** Queues a job for a collector; answers once the broker has confirmed the message. */
  Future<JsonObject> run(JsonObject body) {
    UUID id = Ids.required(body, "id");
    return collectors.get(id).compose(collector -> {
      if (collector.live()) {
        throw Failure.conflict("collector " + id + " is live: it runs as a feed, not as jobs");
      }
      return submitter.submit(id, "manual");
    }).map(jobId -> new JsonObject().put("job_id", jobId.toString()));
  }

  Future<JsonObject> job(JsonObject body) {
    return jobs.get(Ids.required(body, "id"));
  }

  Future<JsonObject> jobList(JsonObject body) {
    return jobs.list(Ids.optional(body, "collector_id"), body.getString("status"), Page.fromJson(body));
  }
}
