package io.ndc.collector.source.krx;

import io.ndc.collector.source.Bars;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Korea Exchange payloads. Every value is a string, missing values are {@code "-"}, numbers may carry thousands
 * separators, dates are Seoul dates written {@code 20240105} or {@code 2024/01/05}, prices are KRW integers.
 * <ul>
 *   <li>Open API daily trading ({@code stk_bydd_trd} and siblings): {@code {"OutBlock_1":[{BAS_DD, ISU_CD, TDD_OPNPRC,
 *       TDD_HGPRC, TDD_LWPRC, TDD_CLSPRC, ACC_TRDVOL, ...}]}}, one day, every issue of a market.</li>
 *   <li>Data portal investor trading per issue ({@code MDCSTAT02303}): {@code {"output":[{TRD_DD, TRDVAL1..TRDVAL11,
 *       TRDVAL_TOT}]}} where 1-7 are the institutional kinds, 8 other corporations, 9 individuals, 10 foreigners and 11
 *       other foreigners; one request per side (sell, buy).</li>
 * </ul>
 */
public final class KrxParser {
  private KrxParser() {
  }

  /** Bars of one day keyed by issue code; issues that did not trade ({@code "-"} prices) are absent. */
  public static Map<String, JsonObject> dailyBars(String body) {
    JsonArray block = block(body, "OutBlock_1");
    Map<String, JsonObject> bars = new HashMap<>();
    for (Object o : block) {
      JsonObject row = (JsonObject) o;
      String code = row.getString("ISU_CD");
      Double open = Bars.number(row.getString("TDD_OPNPRC"));
      Double high = Bars.number(row.getString("TDD_HGPRC"));
      Double low = Bars.number(row.getString("TDD_LWPRC"));
      Double close = Bars.number(row.getString("TDD_CLSPRC"));
      Double volume = Bars.number(row.getString("ACC_TRDVOL"));
      if (code == null || open == null || high == null || low == null || close == null || volume == null) {
        continue;
      }
      bars.put(code, Bars.daily(code, date(row.getString("BAS_DD")), open, high, low, close, volume));
    }
    return bars;
  }

  /**
   * Trading trend rows {@code {"symbol","date","investor_type","buy_volume","sell_volume","net_volume"}} for investor
   * types institution, other_corporation, individual and foreign, from the sell-side and buy-side answers.
   */
  public static List<JsonObject> trends(String symbol, String sellBody, String buyBody) {
    Map<LocalDate, Map<String, Double>> sells = byInvestor(block(sellBody, "output"));
    Map<LocalDate, Map<String, Double>> buys = byInvestor(block(buyBody, "output"));
    List<JsonObject> rows = new ArrayList<>();
    for (Map.Entry<LocalDate, Map<String, Double>> day : new TreeMap<>(buys).entrySet()) {
      Map<String, Double> sell = sells.get(day.getKey());
      if (sell == null) {
        throw SourceFailure.unavailable("KRX answered buy and sell sides for different days (" + day.getKey() + ")");
      }
      day.getValue().forEach((type, bought) -> {
        double sold = sell.getOrDefault(type, 0.0);
        rows.add(new JsonObject().put("symbol", symbol).put("date", day.getKey().toString()).put("investor_type", type)
            .put("buy_volume", bought).put("sell_volume", sold).put("net_volume", bought - sold));
      });
    }
    return rows;
  }

  private static Map<LocalDate, Map<String, Double>> byInvestor(JsonArray block) {
    Map<LocalDate, Map<String, Double>> days = new HashMap<>();
    for (Object o : block) {
      JsonObject row = (JsonObject) o;
      double institution = 0;
      for (int i = 1; i <= 7; i++) {
        institution += value(row, "TRDVAL" + i);
      }
      Map<String, Double> types = new LinkedHashMap<>();
      types.put("institution", institution);
      types.put("other_corporation", value(row, "TRDVAL8"));
      types.put("individual", value(row, "TRDVAL9"));
      types.put("foreign", value(row, "TRDVAL10") + value(row, "TRDVAL11"));
      days.put(date(row.getString("TRD_DD")), types);
    }
    return days;
  }

  private static double value(JsonObject row, String field) {
    Double v = Bars.number(row.getString(field));
    return v == null ? 0 : v;
  }

  private static JsonArray block(String body, String name) {
    JsonObject json;
    try {
      json = new JsonObject(body);
    } catch (DecodeException e) {
      throw SourceFailure.unavailable("KRX sent a body that is not JSON");
    }
    JsonArray block = json.getJsonArray(name, json.getJsonArray("OutBlock_1"));
    if (block == null) {
      String message = json.getString("respMsg", json.getString("message", json.encode()));
      throw SourceFailure.rejected("KRX refused the request: " + message);
    }
    return block;
  }

  static LocalDate date(String text) {
    String t = text == null ? "" : text.trim().replace("/", "").replace("-", "");
    try {
      return LocalDate.parse(t, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException e) {
      throw SourceFailure.unavailable("KRX sent an unreadable date '" + text + "'");
    }
  }

  /** The ISIN of a KRX common share: {@code KR7} + short code + {@code 00} + check digit (ISO 6166, Luhn over digits). */
  public static String isin(String shortCode) {
    if (!shortCode.matches("[0-9A-Z]{6}")) {
      throw SourceFailure.rejected("'" + shortCode + "' is not a six-character KRX issue code");
    }
    String base = "KR7" + shortCode + "00";
    StringBuilder digits = new StringBuilder();
    for (char c : base.toCharArray()) {
      digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
    }
    int sum = 0;
    boolean twice = true;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return base + (10 - sum % 10) % 10;
  }
}
