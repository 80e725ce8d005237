package io.ndc.collector.store;

import io.vertx.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Column values in API form: instants ISO-8601 UTC, dates YYYY-MM-DD, nulls kept. */
final class Rows {
  private Rows() {
  }

  static String instant(Row row, String column) {
    OffsetDateTime value = row.getOffsetDateTime(column);
    return value == null ? null : value.toInstant().atOffset(ZoneOffset.UTC).toInstant().toString();
  }

  static String date(Row row, String column) {
    LocalDate value = row.getLocalDate(column);
    return value == null ? null : value.toString();
  }
}
