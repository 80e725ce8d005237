package io.ndc.gateway.routes;

import static io.ndc.gateway.http.RouteSpec.route;

import io.ndc.contract.storage.StorageAddresses;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RequestMapper;
import io.ndc.gateway.http.RouteSpec;
import io.vertx.core.http.HttpMethod;
import java.util.List;

/** Market data (SPEC §5 stocks and ingest): served by the storage service. */
public final class StocksRoutes {
  private StocksRoutes() {
  }

  public static List<RouteSpec> rows() {
    return List.of(
        route(HttpMethod.GET, "/stocks").permission(Permissions.STOCKS_READ).address(StorageAddresses.INSTRUMENTS_LIST)
            .query("market", "sector", "q", "page", "limit")
            .doc("stocks", "Instruments, filtered by market and sector and searched by symbol or name").build(),
        route(HttpMethod.GET, "/stocks/:symbol").permission(Permissions.STOCKS_READ)
            .address(StorageAddresses.INSTRUMENT_GET)
            .doc("stocks", "One instrument with its latest price").build(),
        route(HttpMethod.PUT, "/stocks/:symbol").permission(Permissions.STOCKS_WRITE)
            .address(StorageAddresses.INSTRUMENTS_UPSERT).json()
            .doc("stocks", "Create or edit an instrument: {name, market, sector, industry, currency}").build(),
        route(HttpMethod.GET, "/stocks/:symbol/prices").permission(Permissions.STOCKS_READ)
            .address(StorageAddresses.BARS_QUERY).query("start_date", "end_date", "interval", "as_of")
            .doc("stocks", "Bars at 1m, 5m, 15m, 1h, daily, weekly or monthly, ascending, with the change in percent;"
                + " as_of answers what was known at that instant").build(),
        route(HttpMethod.GET, "/stocks/:symbol/trades").permission(Permissions.STOCKS_READ)
            .address(StorageAddresses.TRADES_QUERY).query("from", "to", "page", "limit")
            .doc("stocks", "Trades in a time range").build(),
        route(HttpMethod.GET, "/stocks/:symbol/trading-trends").permission(Permissions.STOCKS_READ)
            .address(StorageAddresses.TRENDS_QUERY).query("start_date", "end_date", "investor_type")
            .doc("stocks", "Investor trading trends per day and investor type").build(),
        route(HttpMethod.GET, "/stocks/:symbol/financials").permission(Permissions.STOCKS_READ)
            .address(StorageAddresses.FINANCIALS_QUERY).query("year", "quarter")
            .doc("stocks", "Quarterly financials").build(),
        route(HttpMethod.GET, "/stocks/:symbol/versions").permission(Permissions.STOCKS_READ)
            .address(StorageAddresses.BARS_VERSIONS).query("date", "interval", "page", "limit")
            .doc("stocks", "Every version of the bar at date (or the symbol's replaced versions without one)").build(),
        route(HttpMethod.POST, "/prices:batch").permission(Permissions.INGEST_WRITE)
            .address(StorageAddresses.BARS_INGEST).json().mapper(RequestMapper.barsUpload())
            .doc("ingest", "Store bars {source, interval, rows:[{symbol, date|ts, open, high, low, close, volume}]};"
                + " replies {batch_id, accepted, unchanged, revised, rejected}").build(),
        route(HttpMethod.POST, "/prices:import").permission(Permissions.INGEST_WRITE)
            .address(StorageAddresses.BARS_IMPORT).consumes("text/csv").mapper(RequestMapper.text("csv"))
            .query("symbol", "interval", "source")
            .doc("ingest", "Store bars from a CSV export (Yahoo, Stooq or plain headers); symbol is required when"
                + " the CSV has no symbol column").build(),
        route(HttpMethod.GET, "/batches/:id").permission(Permissions.INGEST_READ).address(StorageAddresses.BATCH_GET)
            .doc("ingest", "An ingest batch: counts, status, symbols and time range").build(),
        route(HttpMethod.GET, "/batches/:id/rejections").permission(Permissions.INGEST_READ)
            .address(StorageAddresses.BATCH_REJECTIONS).query("page", "limit")
            .doc("ingest", "The rows a batch refused, with the reason and the row as sent").build(),
        route(HttpMethod.POST, "/batches/:id:rollback").permission(Permissions.INGEST_WRITE)
            .address(StorageAddresses.BATCH_ROLLBACK)
            .doc("ingest", "Undo a bar batch: its new rows go, the rows it replaced come back").build());
  }
}
