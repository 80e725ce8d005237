package io.ndc.storage.series;

import io.ndc.storage.ingest.BatchStatement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A non-bar series table (trades, trading trends, financials) and the set-based upsert that writes a batch into
 * it: identical rows are unchanged, new keys accepted, changed values replace the stored ones (revised). Only bars
 * keep a version history.
 */
public record SeriesTable(String kind, String table, String partitionParent, String timeColumn, List<Column> columns) {

  public static final SeriesTable TRADES = new SeriesTable("trades", "trades", "trades", "ts", List.of(
      Column.symbol(), Column.instant("ts"), new Column("seq", "int8", true, SeriesTable::sequence),
      Column.number("price", true, true), Column.number("size", true, true)));

  public static final SeriesTable TRENDS = new SeriesTable("trends", "trading_trends", "trading_trends", "date", List.of(
      Column.symbol(), Column.date("date"), Column.text("investor_type", true, 40),
      Column.number("buy_volume", false, true), Column.number("sell_volume", false, true),
      Column.number("net_volume", false, false), Column.number("buy_value", false, true),
      Column.number("sell_value", false, true), Column.number("net_value", false, false)));

  public static final SeriesTable FINANCIALS = new SeriesTable("financials", "financials", null, null, List.of(
      Column.symbol(), Column.integer("year", true, 1900, 2200), Column.integer("quarter", true, 1, 4),
      Column.text("currency", false, 3), Column.number("revenue", false, false),
      Column.number("operating_income", false, false), Column.number("net_income", false, false),
      Column.number("eps", false, false), Column.number("total_assets", false, false),
      Column.number("total_liabilities", false, false), Column.number("total_equity", false, false)));

  private static Object sequence(Object value) {
    if (value == null) {
      return 0L;
    }
    Double number = io.ndc.storage.bars.RowValues.number("seq", value);
    if (number == null) {
      return 0L;
    }
    if (number != Math.rint(number) || number < 0) {
      throw new IllegalArgumentException("seq must be a non-negative whole number");
    }
    return number.longValue();
  }

  /** The batch statement: $1..$n the column arrays, $(n+1) the source. */
  public BatchStatement statement() {
    String names = names(columns);
    String keys = names(columns.stream().filter(Column::key).toList());
    List<Column> values = columns.stream().filter(c -> !c.key()).toList();
    String stored = values.stream().map(c -> "x." + c.name()).collect(Collectors.joining(", "));
    String given = values.stream().map(c -> "i." + c.name()).collect(Collectors.joining(", "));
    String excluded = values.stream().map(c -> "EXCLUDED." + c.name()).collect(Collectors.joining(", "));
    String join = columns.stream().filter(Column::key).map(c -> "x." + c.name() + " = i." + c.name())
        .collect(Collectors.joining(" AND "));
    String set = values.stream().map(c -> c.name() + " = EXCLUDED." + c.name()).collect(Collectors.joining(", "));
    int source = columns.size() + 1;
    String ctes = "input AS (SELECT * FROM unnest(" + arrays() + ") AS t(" + names + ")),\n"
        + "fresh AS (SELECT i.*, x.symbol IS NOT NULL AS existed FROM input i LEFT JOIN " + table + " x ON " + join + "\n"
        + "  WHERE x.symbol IS NULL OR (" + stored + ") IS DISTINCT FROM (" + given + ")),\n"
        + "written AS (INSERT INTO " + table + " AS x (" + names + ", source, batch_id)\n"
        + "  SELECT " + names + ", $" + source + ", bid.id FROM fresh CROSS JOIN bid\n"
        + "  ON CONFLICT (" + keys + ") DO UPDATE SET " + set + ", source = EXCLUDED.source, batch_id = EXCLUDED.batch_id\n"
        + "  WHERE (" + stored + ") IS DISTINCT FROM (" + excluded + ")\n"
        + "  RETURNING " + keys + "),\n"
        + "up AS (SELECT NOT f.existed AS inserted FROM written w JOIN fresh f USING (" + keys + "))";
    return new BatchStatement(kind, ctes, source);
  }

  /**
   * For a batch whose rows are all newer than what this writer committed per symbol: a plain INSERT of every row
   * (no lookup, no speculative insertion); a key that exists anyway fails it whole with a unique violation, and the
   * batch then goes through {@link #statement()}. Tables with a time column only.
   */
  public BatchStatement appendStatement() {
    String names = names(columns);
    int source = columns.size() + 1;
    String ctes = "input AS (SELECT * FROM unnest(" + arrays() + ") AS t(" + names + ")),\n"
        + "up AS (INSERT INTO " + table + " (" + names + ", source, batch_id)\n"
        + "  SELECT " + names + ", $" + source + ", bid.id FROM input CROSS JOIN bid RETURNING true AS inserted)";
    return new BatchStatement(kind, ctes, source);
  }

  private String arrays() {
    StringBuilder arrays = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      arrays.append(i == 0 ? "" : ", ").append('$').append(i + 1).append("::").append(columns.get(i).sqlType()).append("[]");
    }
    return arrays.toString();
  }

  private static String names(List<Column> columns) {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }
}
