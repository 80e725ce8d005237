package io.ndc.gateway.routes;

import io.ndc.gateway.http.RouteSpec;
import java.util.ArrayList;
import java.util.List;

/** Every REST route of the gateway. Each area contributes its rows; nothing else creates API routes. */
public final class RouteTable {
  private RouteTable() {
  }

  public static List<RouteSpec> all() {
    List<RouteSpec> rows = new ArrayList<>();
    rows.addAll(SystemRoutes.rows());
    rows.addAll(AuthRoutes.rows());
    rows.addAll(StocksRoutes.rows());
    rows.addAll(CollectionRoutes.rows());
    rows.addAll(AnalysisRoutes.rows());
    rows.addAll(NotificationRoutes.rows());
    return List.copyOf(rows);
  }
}
