package io.ndc.gateway.routes;

import static io.ndc.gateway.http.RouteSpec.route;

import io.ndc.contract.collector.CollectorAddresses;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RouteSpec;
import io.vertx.core.http.HttpMethod;
import java.util.List;

/** Collection rows of SPEC §5: sources, collectors, runs, schedules and jobs, served by the collector service. */
public final class CollectionRoutes {
  private static final String TAG = "collection";

  private CollectionRoutes() {
  }

  public static List<RouteSpec> rows() {
    return List.of(
        route(HttpMethod.GET, "/sources").permission(Permissions.COLLECTION_READ).address(CollectorAddresses.SOURCES_LIST)
            .query("page", "limit").doc(TAG, "Data sources with quota use, breaker state, freshness and reconnects (never API keys)").build(),
        route(HttpMethod.POST, "/sources").permission(Permissions.COLLECTION_WRITE).address(CollectorAddresses.SOURCES_CREATE)
            .json().status(201).doc(TAG, "Register a source {id, type, base_url, api_key, quota_per_minute, quota_burst, ...type settings}").build(),
        route(HttpMethod.GET, "/collectors").permission(Permissions.COLLECTION_READ).address(CollectorAddresses.COLLECTORS_LIST)
            .query("page", "limit").doc(TAG, "Collectors").build(),
        route(HttpMethod.POST, "/collectors").permission(Permissions.COLLECTION_WRITE).address(CollectorAddresses.COLLECTORS_CREATE)
            .json().status(201).doc(TAG, "Define what to collect {source, dataset, symbols, interval, start_date, end_date, live}").build(),
        route(HttpMethod.GET, "/collectors/:id").permission(Permissions.COLLECTION_READ).address(CollectorAddresses.COLLECTORS_GET)
            .doc(TAG, "One collector").build(),
        route(HttpMethod.PATCH, "/collectors/:id").permission(Permissions.COLLECTION_WRITE).address(CollectorAddresses.COLLECTORS_UPDATE)
            .json().doc(TAG, "Change a collector (a live one restarts its feed)").build(),
        route(HttpMethod.DELETE, "/collectors/:id").permission(Permissions.COLLECTION_WRITE).address(CollectorAddresses.COLLECTORS_DELETE)
            .doc(TAG, "Delete a collector (a live one stops its feed)").build(),
        route(HttpMethod.POST, "/collectors/:id/run").permission(Permissions.COLLECTION_WRITE).address(CollectorAddresses.JOBS_RUN)
            .status(202).doc(TAG, "Queue a collection job now; answers {job_id}").build(),
        route(HttpMethod.GET, "/schedules").permission(Permissions.COLLECTION_READ).address(CollectorAddresses.SCHEDULES_LIST)
            .query("page", "limit").doc(TAG, "Cron schedules").build(),
        route(HttpMethod.POST, "/schedules").permission(Permissions.COLLECTION_WRITE).address(CollectorAddresses.SCHEDULES_CREATE)
            .json().status(201).doc(TAG, "Schedule a collector {collector_id, cron (5 fields), timezone}").build(),
        route(HttpMethod.DELETE, "/schedules/:id").permission(Permissions.COLLECTION_WRITE).address(CollectorAddresses.SCHEDULES_DELETE)
            .doc(TAG, "Delete a schedule").build(),
        route(HttpMethod.GET, "/jobs").permission(Permissions.COLLECTION_READ).address(CollectorAddresses.JOBS_LIST)
            .query("collector_id", "status", "page", "limit").doc(TAG, "Jobs, newest first").build(),
        route(HttpMethod.GET, "/jobs/:id").permission(Permissions.COLLECTION_READ).address(CollectorAddresses.JOBS_GET)
            .doc(TAG, "One job with status, attempts, rows, error and timestamps").build());
  }
}
