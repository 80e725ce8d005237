package io.ndc.contract.storage;

import io.ndc.contract.BarInterval;
import io.ndc.contract.Failure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The rows form of {@link StorageAddresses#BARS_INGEST}: {@code {"source","interval","rows":[{"symbol","date"|"ts",
 * "open","high","low","close","volume"?,"adj_close"?}]}}, the bars as JSON objects (collectors send this). Each row
 * is checked by storage and refused alone; what is refused whole is checked here, in this order: the interval (one
 * that is stored, default daily), the source (default {@value #DEFAULT_SOURCE}, at most {@value #SOURCE_MAX_LENGTH}
 * characters), rows being an array. {@link BarsUpload} is the other form, an upload's JSON text as it came.
 */
public record BarsIngest(String source, BarInterval interval, JsonArray rows) {
  public static final String DEFAULT_SOURCE = "api";
  public static final int SOURCE_MAX_LENGTH = 64;

  public BarsIngest {
    source = source(source);
    interval = storedInterval(interval);
    Objects.requireNonNull(rows, "rows");
  }

  public static BarsIngest fromJson(JsonObject json) {
    BarInterval interval = storedInterval(json.getString("interval"));
    String source = source(json.getString("source"));
    return new BarsIngest(source, interval, rows(json.getValue("rows")));
  }

  public JsonObject toJson() {
    return new JsonObject().put("source", source).put("interval", interval.id()).put("rows", rows);
  }

  /** {@code value} as the rows of a batch, or the 400 of anything but an array. */
  public static JsonArray rows(Object value) {
    if (!(value instanceof JsonArray rows)) {
      throw Failure.validation("rows must be an array of bars");
    }
    return rows;
  }

  /** An interval bars are ingested at (null or blank: daily); weekly and monthly are derived from daily bars. */
  public static BarInterval storedInterval(String text) {
    return storedInterval(BarInterval.parse(text));
  }

  private static BarInterval storedInterval(BarInterval interval) {
    BarInterval parsed = interval == null ? BarInterval.DAILY : interval;
    if (parsed == BarInterval.WEEKLY || parsed == BarInterval.MONTHLY) {
      throw Failure.validation("interval '" + parsed.id() + "' is derived from daily bars and cannot be ingested");
    }
    return parsed;
  }

  /** Trimmed; null or blank is {@value #DEFAULT_SOURCE}; longer than {@value #SOURCE_MAX_LENGTH} characters a 400. */
  public static String source(String value) {
    String source = value == null || value.isBlank() ? DEFAULT_SOURCE : value.trim();
    if (source.length() > SOURCE_MAX_LENGTH) {
      throw Failure.validation("source must be at most " + SOURCE_MAX_LENGTH + " characters");
    }
    if (source.indexOf('\u0000') >= 0) {
      throw Failure.validation("'source' contains a NUL character (\\u0000), which text cannot hold");
    }
    return source;
  }
}
