package io.ndc.collector.source.alphavantage;

import io.ndc.collector.source.SourceFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Alpha Vantage fundamentals into storage's financials rows. {@code INCOME_STATEMENT} and {@code BALANCE_SHEET}
 * list {@code quarterlyReports}, {@code EARNINGS} lists {@code quarterlyEarnings}, newest first, each keyed by
 * {@code fiscalDateEnding}, every value a string and {@code "None"} where Alpha Vantage has no value. A report's
 * quarter is the calendar quarter its {@code fiscalDateEnding} falls in (docs/collection.md): a fiscal year that
 * does not follow the calendar is stored by the calendar quarter in which each of its quarters ended.
 */
final class AlphaVantageFinancials {
  /** Alpha Vantage's marker for a value it does not have. */
  private static final String NONE = "None";
  /** Storage column and the Alpha Vantage field it comes from, per function. */
  private static final Map<String, String> INCOME_STATEMENT = Map.of("revenue", "totalRevenue",
      "operating_income", "operatingIncome", "net_income", "netIncome");
  private static final Map<String, String> BALANCE_SHEET = Map.of("total_assets", "totalAssets",
      "total_liabilities", "totalLiabilities", "total_equity", "totalShareholderEquity");
  private static final List<String> COLUMNS = List.of("currency", "revenue", "operating_income", "net_income", "eps",
      "total_assets", "total_liabilities", "total_equity");

  private AlphaVantageFinancials() {
  }

  /**
   * The quarterly list of one function's answer. Alpha Vantage answers {@code {}} for a symbol it has no
   * fundamentals of: that is a rejected request.
   */
  static JsonArray quarterly(JsonObject answer, String function, String symbol) {
    String list = function.equals("EARNINGS") ? "quarterlyEarnings" : "quarterlyReports";
    if (!(answer.getValue(list) instanceof JsonArray quarters)) {
      throw SourceFailure.rejected("Alpha Vantage has no " + function + " " + list + " for " + symbol);
    }
    return quarters;
  }

  /**
   * One row per fiscal period of the statements that ends within [from, to], ascending: the income statement's and
   * balance sheet's values of that period and the reported EPS of its quarter. Periods of the earnings list without
   * a statement are left out (it reaches back decades, the statements about five years). A value that is not a
   * number is passed on as sent, so storage rejects that row with the reason and keeps it.
   */
  static List<JsonObject> rows(String symbol, JsonArray incomeStatement, JsonArray balanceSheet, JsonArray earnings,
      LocalDate from, LocalDate to) {
    TreeMap<LocalDate, JsonObject> periods = new TreeMap<>();
    merge(periods, symbol, incomeStatement, INCOME_STATEMENT, from, to);
    merge(periods, symbol, balanceSheet, BALANCE_SHEET, from, to);
    Map<String, Object> eps = new HashMap<>();
    for (JsonObject quarter : reports(earnings)) {
      LocalDate end = fiscalDateEnding(quarter, symbol);
      eps.putIfAbsent(quarterOf(end), value(quarter.getValue("reportedEPS")));
    }
    List<JsonObject> rows = new ArrayList<>();
    periods.forEach((end, row) -> rows.add(row.put("eps", eps.get(quarterOf(end)))));
    return rows;
  }

  private static void merge(TreeMap<LocalDate, JsonObject> periods, String symbol, JsonArray reports, Map<String, String> fields,
      LocalDate from, LocalDate to) {
    for (JsonObject report : reports(reports)) {
      LocalDate end = fiscalDateEnding(report, symbol);
      if (end.isBefore(from) || end.isAfter(to)) {
        continue;
      }
      JsonObject row = periods.computeIfAbsent(end, e -> emptyRow(symbol, e));
      fields.forEach((column, field) -> row.put(column, value(report.getValue(field))));
      if (row.getValue("currency") == null) {
        Object currency = report.getValue("reportedCurrency");
        row.put("currency", currency == null || NONE.equals(currency) ? null : currency.toString().trim());
      }
    }
  }

  private static JsonObject emptyRow(String symbol, LocalDate end) {
    JsonObject row = new JsonObject().put("symbol", symbol).put("year", end.getYear()).put("quarter", quarter(end));
    COLUMNS.forEach(column -> row.putNull(column));
    return row;
  }

  private static List<JsonObject> reports(JsonArray reports) {
    return reports.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }

  private static LocalDate fiscalDateEnding(JsonObject report, String symbol) {
    Object text = report.getValue("fiscalDateEnding");
    try {
      return LocalDate.parse(String.valueOf(text).trim());
    } catch (DateTimeParseException e) {
      throw SourceFailure.rejected("Alpha Vantage sent fiscalDateEnding '" + text + "' for " + symbol + ", not a date");
    }
  }

  private static int quarter(LocalDate date) {
    return (date.getMonthValue() - 1) / 3 + 1;
  }

  private static String quarterOf(LocalDate date) {
    return date.getYear() + "Q" + quarter(date);
  }

  /** A number from Alpha Vantage's string; null for "None"; text that is no finite number stays text. */
  private static Object value(Object raw) {
    if (raw == null || NONE.equals(raw)) {
      return null;
    }
    String text = raw.toString().trim();
    try {
      double number = Double.parseDouble(text);
      return Double.isFinite(number) ? number : text;
    } catch (NumberFormatException e) {
      return text;
    }
  }
}
