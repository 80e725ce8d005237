package io.ndc.storage.query;

import io.ndc.contract.market.JsonNumbers;
import io.ndc.contract.Failure;
import io.ndc.contract.Fields;
import io.ndc.contract.storage.LastBar;
import io.ndc.contract.storage.LastBarQuery;
import io.ndc.contract.storage.PriceQuery;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.cache.MarketCache;
import io.ndc.storage.ingest.BatchStatement;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Bar series of one symbol at any interval: stored intervals straight from their partitions, weekly and monthly
 * aggregated from daily bars, and 5m/15m/1h aggregated from 1m bars when none were stored at that interval.
 * Current answers are cached; {@code as_of} answers (history) are not.
 */
public final class BarQuery {
  private final Pool pg;
  private final MarketCache cache;
  private final int maxPoints;

  public BarQuery(Pool pg, MarketCache cache, int maxPoints) {
    this.pg = pg;
    this.cache = cache;
    this.maxPoints = maxPoints;
  }

  /** {@link PriceQuery}: current answers through the cache, {@code as_of} answers straight from PostgreSQL. */
  public Future<JsonObject> prices(JsonObject request) {
    PriceQuery query = PriceQuery.fromJson(request);
    String symbol = query.symbol();
    Interval interval = Interval.of(query.interval());
    Duration span = interval.intraday() ? Duration.ofDays(1) : Duration.ofDays(366);
    // a missing start floors to the bar's length (a day for daily and longer): the range stays one cache key per bar
    Duration grain = interval.intraday() ? interval.length() : Duration.ofDays(1);
    TimeRange range = TimeRange.of(query.startDate(), query.endDate(), span, grain, Instant.now());
    if (query.asOf() != null) {
      return load(symbol, interval, range, TimeRange.parse("as_of", query.asOf()));
    }
    return cache.bars(symbol, interval, range.start(), range.end(), () -> load(symbol, interval, range, null));
  }

  private Future<JsonObject> load(String symbol, Interval interval, TimeRange range, Instant asOf) {
    return name(symbol).compose(name -> series(symbol, interval, range, asOf).map(prices -> new JsonObject()
        .put("symbol", symbol).put("name", name).put("interval", interval.id()).put("prices", prices)));
  }

  private Future<String> name(String symbol) {
    return pg.preparedQuery("SELECT name FROM instruments WHERE symbol = $1").execute(Tuple.of(symbol)).map(rows -> {
      if (rows.size() == 0) {
        throw Failure.notFound("no instrument '" + symbol + "'");
      }
      return rows.iterator().next().getString("name");
    });
  }

  private Future<JsonArray> series(String symbol, Interval interval, TimeRange range, Instant asOf) {
    if (interval == Interval.WEEKLY || interval == Interval.MONTHLY) {
      return aggregated(symbol, interval, Interval.DAILY, range, asOf);
    }
    Future<JsonArray> stored = run(BarSql.stored(asOf != null), params(symbol, interval, range.start(), range.end(), asOf),
        interval, range.start());
    if (interval == Interval.M1 || interval == Interval.DAILY) {
      return stored;
    }
    return stored.compose(rows -> rows.isEmpty() ? aggregated(symbol, interval, Interval.M1, range, asOf)
        : Future.succeededFuture(rows));
  }

  private Future<JsonArray> aggregated(String symbol, Interval target, Interval base, TimeRange range, Instant asOf) {
    Instant bucketStart = bucketStart(target, range.start());
    Instant widened = target == Interval.MONTHLY
        ? bucketStart.atOffset(ZoneOffset.UTC).minusMonths(1).toInstant()
        : bucketStart.minus(target.length());
    return run(BarSql.aggregated(asOf != null, target), params(symbol, base, widened, range.end(), asOf), target,
        bucketStart);
  }

  static Instant bucketStart(Interval target, Instant t) {
    OffsetDateTime utc = t.atOffset(ZoneOffset.UTC);
    return switch (target) {
      case WEEKLY -> utc.truncatedTo(ChronoUnit.DAYS).minusDays(utc.getDayOfWeek().getValue() - 1L).toInstant();
      case MONTHLY -> utc.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).toInstant();
      default -> Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), target.length().getSeconds())
          * target.length().getSeconds());
    };
  }

  private static Tuple params(String symbol, Interval stored, Instant start, Instant end, Instant asOf) {
    Tuple tuple = Tuple.of(symbol, stored.id(), BatchStatement.utc(start), BatchStatement.utc(end));
    return asOf == null ? tuple : tuple.addValue(BatchStatement.utc(asOf));
  }

  private Future<JsonArray> run(String sql, Tuple params, Interval interval, Instant firstShown) {
    return pg.preparedQuery(sql).execute(params).map(rows -> toPrices(rows, interval, firstShown));
  }

  private JsonArray toPrices(RowSet<Row> rows, Interval interval, Instant firstShown) {
    if (rows.size() > maxPoints + 1) {
      throw Failure.validation("the range holds more than " + maxPoints + " bars; narrow start_date/end_date");
    }
    JsonArray prices = new JsonArray();
    for (Row row : rows) {
      Instant ts = row.getOffsetDateTime("ts").toInstant();
      if (ts.isBefore(firstShown)) {
        continue;
      }
      prices.add(new JsonObject()
          .put(interval.timeField(), interval.format(ts))
          .put("open", JsonNumbers.of(row.getDouble("open")))
          .put("high", JsonNumbers.of(row.getDouble("high")))
          .put("low", JsonNumbers.of(row.getDouble("low")))
          .put("close", JsonNumbers.of(row.getDouble("close")))
          .put("volume", JsonNumbers.of(row.getDouble("volume")))
          .put("change", JsonNumbers.of(row.getDouble("change"))));
    }
    return prices;
  }

  /** {@link LastBarQuery}: the newest stored bar time, for incremental collection; replies {@link LastBar}. */
  public Future<JsonObject> last(JsonObject request) {
    LastBarQuery query = LastBarQuery.fromJson(request);
    Interval interval = Interval.parseStored(query.interval().id());
    return pg.preparedQuery("SELECT max(ts) AS last FROM bars WHERE symbol = $1 AND interval = $2")
        .execute(Tuple.of(query.symbol(), interval.id()))
        .map(rows -> {
          OffsetDateTime last = rows.iterator().next().getOffsetDateTime("last");
          return new LastBar(query.symbol(), query.interval(), last == null ? null : last.toInstant()).toJson();
        });
  }

  public static String requiredSymbol(JsonObject request) {
    return Fields.symbol(request, "symbol");
  }
}
