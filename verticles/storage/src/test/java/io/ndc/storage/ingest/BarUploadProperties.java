package io.ndc.storage.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.storage.BarsIngest;
import io.ndc.contract.storage.BarsUpload;
import io.ndc.storage.bars.BarCsv;
import io.ndc.storage.bars.BarDocument;
import io.ndc.storage.bars.BarRow;
import io.ndc.storage.bars.BarValidator;
import io.ndc.storage.bars.IngestLimits;
import io.ndc.storage.bars.Interval;
import io.ndc.storage.bars.RawBars;
import io.ndc.storage.bars.RowValues;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The streaming upload reader ({@code BarDocument} into {@code RawBars}, then the validator) and the CSV columns accept
 * and refuse exactly what the old path did: the gateway decoding the whole body into JSON objects, storage checking
 * each row object (the code of that path is kept below as the reference). Same failure (status, code, message) for
 * a request refused whole; otherwise the same interval, source, valid rows and rejections (row index, symbol,
 * reason and the row as sent, byte for byte as the rejection log stores it), on generated rows and mutated bodies.
 */
class BarUploadProperties {
  private static final Instant NOW = Instant.parse("2026-06-15T12:34:56Z");
  private static final IngestLimits RETENTION = new IngestLimits(Duration.ofDays(30), java.time.LocalDate.parse("1800-01-01"));
  private static final int MAX_ROWS = 10;

  @Provide
  Arbitrary<Upload> uploads() {
    return Arbitraries.randomValue(Upload::random);
  }

  @Provide
  Arbitrary<Csv> csvs() {
    return Arbitraries.randomValue(Csv::random);
  }

  @Property(tries = 3000)
  void anUploadIsReadAsTheWholeBodyDecodedIntoObjectsWasRead(@ForAll("uploads") Upload upload) {
    Outcome old = outcome(() -> oldJson(upload));
    Outcome streamed = outcome(() -> result(BarIngest.read(new BarsUpload(Buffer.buffer(upload.body()), upload.source(),
        upload.interval()), MAX_ROWS, NOW, RETENTION)));
    assertThat(streamed).as("body %s", upload.body()).isEqualTo(old);
    Statistics.label("reader").collect(BarDocument.read(Buffer.buffer(upload.body())) == null ? "plain" : "streamed");
    Statistics.label("outcome").collect(kind(old));
  }

  @Example
  void anUploadOfTheCommonShapeIsStreamedWithEveryValueAsDecodingGivesIt() {
    BarDocument.Read read = BarDocument.read(Buffer.buffer("{\"source\":\"s\",\"interval\":\"daily\",\"rows\":["
        + "{\"symbol\":\"aapl\",\"date\":\"2024-01-02\",\"open\":1,\"high\":2.5,\"low\":\"0.5\",\"close\":null,"
        + "\"volume\":12345678901,\"x\":{\"y\":[1]}},{\"ts\":1704412800,\"adj_close\":123456789012345678901234567890}]}"));
    assertThat(read).isNotNull();
    assertThat(read.source()).isEqualTo("s");
    assertThat(read.interval()).isEqualTo("daily");
    assertThat(read.rows().size()).isEqualTo(2);
    assertThat(read.rows().get(0, "symbol")).isEqualTo("aapl");
    assertThat(read.rows().get(0, "open")).isEqualTo(1);
    assertThat(read.rows().get(0, "high")).isEqualTo(2.5);
    assertThat(read.rows().get(0, "low")).isEqualTo("0.5");
    assertThat(read.rows().get(0, "close")).isNull();
    assertThat(read.rows().get(0, "volume")).isEqualTo(12345678901L);
    assertThat(read.rows().get(1, "ts")).isEqualTo(1704412800);
    assertThat(read.rows().get(1, "adj_close")).isEqualTo(new java.math.BigInteger("123456789012345678901234567890"));
    assertThat(read.rows().original(0).encode()).isEqualTo("{\"symbol\":\"aapl\",\"date\":\"2024-01-02\",\"open\":1,"
        + "\"high\":2.5,\"low\":\"0.5\",\"close\":null,\"volume\":12345678901,\"x\":{\"y\":[1]}}");
  }

  private static String kind(Outcome outcome) {
    if (outcome.failure() != null) {
      return "refused whole";
    }
    return outcome.rows().isEmpty() ? "no valid row" : outcome.rejections().isEmpty() ? "all valid" : "some refused";
  }

  @Property(tries = 1000)
  void theRowsFormOfCollectorsIsReadAsBefore(@ForAll("uploads") Upload upload) {
    JsonObject request;
    try {
      request = oldGatewayBody(Buffer.buffer(upload.body()));
    } catch (Failure notJson) {
      return;
    }
    Outcome old = outcome(() -> oldStorage(request.copy()));
    Outcome now = outcome(() -> {
      BarsIngest batch = BarsIngest.fromJson(request.copy());
      if (batch.rows().size() > MAX_ROWS) {
        throw tooLarge(batch.rows().size());
      }
      return result(BarIngest.validate(batch.source(), Interval.of(batch.interval()), null, RawBars.of(batch.rows()),
          NOW, RETENTION));
    });
    assertThat(now).as("body %s", upload.body()).isEqualTo(old);
  }

  @Property(tries = 2000)
  void aCsvImportIsReadAsItsRowObjectsWereRead(@ForAll("csvs") Csv csv) {
    String symbol = csv.symbol() == null ? null : RowValues.symbol(csv.symbol());
    Outcome old = outcome(() -> oldCsv(csv.text(), symbol));
    Outcome columns = outcome(() -> result(BarIngest.readCsv(csv.text(), symbol, "import", Interval.DAILY, MAX_ROWS,
        NOW, RETENTION)));
    assertThat(columns).as("csv %s", csv.text()).isEqualTo(old);
    Statistics.label("outcome").collect(kind(old));
  }

  // ---- outcomes

  record Outcome(String failure, String source, String interval, List<BarRow> rows, List<String> rejections) {
  }

  private static Outcome outcome(Supplier<Outcome> run) {
    try {
      return run.get();
    } catch (Failure f) {
      return new Outcome(f.status() + " " + f.code() + " " + f.getMessage() + " " + f.details(), null, null, null, null);
    } catch (RuntimeException e) {
      return new Outcome(e.getClass().getName() + " " + e.getMessage(), null, null, null, null);
    }
  }

  private static Outcome result(BarIngest.Checked checked) {
    return new Outcome(null, checked.source(), checked.interval().id(), checked.rows().rows(),
        checked.rejections().stream().map(BarUploadProperties::rejection).toList());
  }

  private static String rejection(Rejection r) {
    return r.index() + "|" + r.symbol() + "|" + r.reason() + "|" + r.raw().encode();
  }

  private static Failure tooLarge(int rows) {
    return new Failure(ErrorCode.PAYLOAD_TOO_LARGE, "a batch holds at most " + MAX_ROWS + " rows (got " + rows
        + "); split the upload");
  }

  // ---- the old path, as it was before uploads were streamed (gateway RequestMapper.jsonBody, BarIngest, BarCsv)

  private static Outcome oldJson(Upload upload) {
    JsonObject request = oldGatewayBody(Buffer.buffer(upload.body()));
    if (upload.source() != null) {
      request.put("source", upload.source());
    }
    if (upload.interval() != null) {
      request.put("interval", upload.interval());
    }
    return oldStorage(request);
  }

  private static JsonObject oldGatewayBody(Buffer body) {
    if (body == null || body.length() == 0) {
      return new JsonObject();
    }
    Object parsed;
    try {
      parsed = body.toJsonValue();
    } catch (DecodeException e) {
      // the gateway's words for JSON that does not parse (issue 15: no parser internals in messages)
      throw Failure.validation(io.ndc.contract.JsonSyntax.describe("request body", e));
    }
    if (!(parsed instanceof JsonObject object)) {
      throw Failure.validation("request body must be a JSON object");
    }
    return object.copy();
  }

  private static Outcome oldStorage(JsonObject request) {
    Interval interval = Interval.parseStored(request.getString("interval"));
    String source = oldSource(request.getString("source"));
    Object rowsValue = request.getValue("rows");
    if (!(rowsValue instanceof JsonArray rows)) {
      throw Failure.validation("rows must be an array of bars");
    }
    if (rows.size() > MAX_ROWS) {
      throw tooLarge(rows.size());
    }
    List<Input> inputs = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Object row = rows.getValue(i);
      if (row instanceof JsonObject object) {
        inputs.add(new Input(i + 1, object, object, null));
      } else {
        JsonObject raw = new JsonObject().put("value", row);
        inputs.add(new Input(i + 1, raw, raw, "row is not a JSON object"));
      }
    }
    return oldValidate(source, interval, null, inputs);
  }

  private static Outcome oldCsv(String csv, String symbol) {
    List<BarCsv.RawRow> records = BarCsv.read(csv);
    if (records.size() > MAX_ROWS) {
      throw tooLarge(records.size());
    }
    boolean symbolColumn = records.stream().anyMatch(r -> r.fields().containsKey("symbol"));
    if (symbol == null && !symbolColumn && !records.isEmpty()) {
      throw Failure.validation("query parameter 'symbol' is required when the CSV has no symbol column",
          new JsonObject().put("parameter", "symbol"));
    }
    return oldValidate("import", Interval.DAILY, symbol, records.stream()
        .map(r -> new Input(r.index(), r.fields(), r.original(), r.error())).toList());
  }

  private static String oldSource(String value) {
    String source = value == null || value.isBlank() ? "api" : value.trim();
    if (source.length() > 64) {
      throw Failure.validation("source must be at most 64 characters");
    }
    return source;
  }

  private record Input(int index, JsonObject fields, JsonObject original, String error) {
  }

  private record Key(String symbol, Instant ts) {
  }

  private static Outcome oldValidate(String source, Interval interval, String defaultSymbol, List<Input> inputs) {
    BarValidator validator = new BarValidator(interval, NOW, RETENTION);
    List<BarRow> rows = new ArrayList<>();
    List<String> rejections = new ArrayList<>();
    Map<Key, Integer> firstIndex = new HashMap<>();
    for (Input input : inputs) {
      String symbol = oldSymbolOf(input.fields(), defaultSymbol);
      if (input.error() != null) {
        rejections.add(rejection(new Rejection(input.index(), symbol, input.error(), input.original())));
        continue;
      }
      BarValidator.Checked checked = validator.check(input.fields(), defaultSymbol);
      if (!checked.valid()) {
        rejections.add(rejection(new Rejection(input.index(), symbol, checked.reason(), input.original())));
        continue;
      }
      BarRow row = checked.row();
      Integer first = firstIndex.putIfAbsent(new Key(row.symbol(), row.ts()), input.index());
      if (first != null) {
        rejections.add(rejection(new Rejection(input.index(), row.symbol(),
            "duplicate of row " + first + " (same symbol and time) in this batch", input.original())));
        continue;
      }
      rows.add(row);
    }
    // the old writer sorted the rows so before writing them
    List<BarRow> ordered = rows.stream().sorted(Comparator.comparing(BarRow::symbol).thenComparing(BarRow::ts)).toList();
    return new Outcome(null, source, interval.id(), ordered, rejections);
  }

  private static String oldSymbolOf(JsonObject fields, String defaultSymbol) {
    try {
      String symbol = RowValues.symbol(fields.getValue("symbol"));
      return symbol != null ? symbol : defaultSymbol;
    } catch (IllegalArgumentException | ClassCastException e) {
      return null;
    }
  }

  // ---- generated input

  private static <T> T pick(Random random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static final List<String> ODD_NUMBERS = List.of("\"10.5\"", "\"1,234.5\"", "-1", "\"NaN\"", "\"Infinity\"",
      "1e400", "-1e400", "-0.0", "123456789012345678901234567890", "null", "\"null\"", "\"-\"", "\"\"", "\"abc\"",
      "true", "false", "{\"a\":1}", "[1]", "[]", "1.7976931348623157E308", "0", "\" 12 \"", "1E2", "0.1e-5", "12.",
      "\"0x10\"", "01", "-", "NaN", "4.9E-324", "99999999999999999999.5", "\"1e400\"");
  private static final List<String> ODD_DATES = List.of("\"20240105\"", "\"2024/01/05\"", "\"2024-02-30\"",
      "\"2099-01-01\"", "20240105", "\"2024-1-5\"", "null", "\"x\"", "\"\"", "\" 2024-01-08 \"", "2.0240105E7",
      "\"2024-01-05T00:00:00Z\"", "true", "{}", "\"2026-06-15\"", "\"2026-06-16\"", "\"2026-06-17\"");
  private static final List<String> TS_VALUES = List.of("\"2024-01-05T00:00:00Z\"", "\"2024-01-05 00:00\"",
      "1704412800", "1704412800000", "\"1704412800\"", "\"2024-01-05T10:00:00+01:00\"", "1.7044128E9",
      "\"2024-01-05T00:00:00\"", "\"2024-01-05\"", "\"2024-01-05T00:00:01Z\"", "-5", "\"garbage time\"", "null",
      "\"2026-06-15T12:00:00Z\"", "\"2026-06-15T12:34:00Z\"", "\"2026-06-15T13:00:00Z\"", "[\"x\"]");
  private static final List<String> SYMBOLS = List.of("\"AAPL\"", "\"aapl\"", "\" msft \"", "\"BRK.B\"",
      "\"bad sym\"", "\"\"", "123", "null", "\"" + "A".repeat(40) + "\"", "\"^GSPC\"", "\".X\"", "\"ÄPFEL\"",
      "true", "{\"s\":1}", "\"A\\u0042C\"", "\"  \"");

  /** A body as a client might send it, with query parameters beside it. */
  record Upload(String body, String source, String interval) {
    static Upload random(Random random) {
      StringBuilder b = new StringBuilder();
      List<String> top = new ArrayList<>();
      if (random.nextInt(4) > 0) {
        top.add("\"interval\":" + (random.nextInt(3) > 0 ? "\"daily\"" : pick(random, List.of("\"daily\"", "\"daily\"", "\"DAILY\"", "\" daily \"", "\"1m\"",
            "\"5m\"", "\"weekly\"", "\"monthly\"", "\"7m\"", "5", "null", "\"\"", "[\"daily\"]"))));
      }
      if (random.nextInt(3) > 0) {
        top.add("\"source\":" + (random.nextInt(3) > 0 ? "\"bench\"" : pick(random, List.of("\"bench\"", "\"\"", "\" s \"", "\"" + "s".repeat(65) + "\"",
            "7", "null", "{\"a\":1}", "\"x\""))));
      }
      if (random.nextInt(12) > 0) {
        top.add("\"rows\":" + (random.nextInt(25) == 0 ? pick(random, List.of("\"x\"", "{}", "null", "1"))
            : rows(random)));
      }
      if (random.nextInt(8) == 0) {
        top.add("\"rows\":" + rows(random));
      }
      if (random.nextInt(6) == 0) {
        top.add("\"extra\":" + pick(random, List.of("{\"rows\":[1]}", "[1,{\"a\":[]}]", "\"x\"", "null", "true")));
      }
      java.util.Collections.shuffle(top, random);
      b.append(random.nextInt(15) == 0 ? "/* comment */ " : "").append('{').append(String.join(",", top)).append('}');
      String body = mutate(random, b.toString());
      String source = random.nextInt(6) == 0 ? pick(random, List.of("q", "", " query ", "s".repeat(70))) : null;
      String interval = random.nextInt(6) == 0 ? pick(random, List.of("daily", "1m", "weekly", "8m", "")) : null;
      return new Upload(body, source, interval);
    }

    private static String rows(Random random) {
      int n = random.nextInt(20) == 0 ? MAX_ROWS + 1 + random.nextInt(3) : random.nextInt(9);
      List<String> rows = new ArrayList<>();
      String symbol = pick(random, List.of("\"AAA\"", "\"bbb\"", "\"CCC\""));
      LocalDate day = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(30));
      for (int i = 0; i < n; i++) {
        if (random.nextInt(25) == 0) {
          rows.add(pick(random, List.of("1", "\"row\"", "null", "[]", "[{\"open\":1}]", "true")));
          continue;
        }
        double close = Math.round(random.nextDouble() * 10_000) / 100.0;
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("symbol", random.nextInt(8) == 0 ? pick(random, SYMBOLS) : symbol);
        if (random.nextInt(6) == 0) {
          fields.put("ts", pick(random, TS_VALUES));
        } else {
          fields.put("date", random.nextInt(8) == 0 ? pick(random, ODD_DATES)
              : "\"" + day.plusDays(random.nextInt(4) == 0 ? 0 : i) + "\"");
        }
        fields.put("open", number(random, close - 0.5));
        fields.put("high", number(random, close + 1));
        fields.put("low", number(random, close - 1));
        fields.put("close", number(random, close));
        if (random.nextBoolean()) {
          fields.put("volume", random.nextInt(5) == 0 ? pick(random, ODD_NUMBERS) : String.valueOf(random.nextInt(1_000_000)));
        }
        if (random.nextInt(4) == 0) {
          fields.put("adj_close", number(random, close));
        }
        List<String> entries = new ArrayList<>();
        fields.forEach((k, v) -> entries.add("\"" + k + "\":" + v));
        if (random.nextInt(6) == 0) {
          entries.add("\"" + pick(random, List.of("note", "Open", "id")) + "\":"
              + pick(random, List.of("{\"x\":[1,{}]}", "[true]", "\"t\"", "false", "null", "1e999")));
        }
        if (random.nextInt(10) == 0) {
          entries.add("\"" + pick(random, new ArrayList<>(fields.keySet())) + "\":" + pick(random, ODD_NUMBERS));
        }
        if (random.nextInt(5) == 0) {
          java.util.Collections.shuffle(entries, random);
        }
        rows.add("{" + String.join(random.nextInt(10) == 0 ? " , " : ",", entries) + "}");
      }
      return "[" + String.join(",", rows) + "]";
    }

    private static String number(Random random, double value) {
      return switch (random.nextInt(14)) {
        case 0 -> pick(random, ODD_NUMBERS);
        case 1 -> "\"" + value + "\"";
        case 2 -> String.valueOf(Math.round(value));
        default -> String.valueOf(value);
      };
    }

    private static String mutate(Random random, String body) {
      return switch (random.nextInt(30)) {
        case 0 -> body.substring(0, random.nextInt(body.length() + 1));
        case 1 -> {
          int at = random.nextInt(body.length() + 1);
          yield body.substring(0, at) + pick(random, List.of("{", "}", "[", "]", ",", ":", "\"", "x", "\\", " ", "/"))
              + body.substring(at);
        }
        case 2 -> {
          int at = random.nextInt(body.length());
          yield body.substring(0, at) + body.substring(at + 1);
        }
        case 3 -> body + pick(random, List.of(" ", "\n", "x", "{}", " // c", ",", "]"));
        case 4 -> "[" + body + "]";
        case 5 -> pick(random, List.of("", " ", "\n\t", "null", "\"x\"", "12", "[]", "{}", "/* only */", "\uFEFF{}"));
        default -> body;
      };
    }
  }

  /** A CSV upload with the symbol query parameter or none. */
  record Csv(String text, String symbol) {
    static Csv random(Random random) {
      List<String> columns = new ArrayList<>(List.of(pick(random, List.of("Date", "date", "ts", "Timestamp", "DATE")),
          "Open", "High", "Low", "Close"));
      if (random.nextBoolean()) {
        columns.add(pick(random, List.of("Volume", "vol")));
      }
      if (random.nextInt(3) == 0) {
        columns.add(pick(random, List.of("Adj Close", "adj_close", "AdjClose")));
      }
      if (random.nextInt(4) == 0) {
        columns.add(random.nextInt(columns.size() + 1), pick(random, List.of("Symbol", "Ticker")));
      }
      if (random.nextInt(5) == 0) {
        columns.add(random.nextInt(columns.size() + 1), pick(random, List.of("Time", "OI", "Note", "", "Open")));
      }
      if (random.nextInt(15) == 0) {
        columns.remove(random.nextInt(columns.size()));
      }
      String newline = random.nextBoolean() ? "\n" : "\r\n";
      StringBuilder text = new StringBuilder(random.nextInt(8) == 0 ? "\uFEFF" : "");
      text.append(String.join(",", columns)).append(newline);
      int n = random.nextInt(20) == 0 ? MAX_ROWS + 1 : random.nextInt(9);
      LocalDate day = LocalDate.of(2024, 3, 1);
      for (int i = 0; i < n; i++) {
        double close = Math.round(random.nextDouble() * 10_000) / 100.0;
        List<String> cells = new ArrayList<>();
        for (String column : columns) {
          String c = column.toLowerCase();
          String cell = switch (c) {
            case "date", "ts", "timestamp" -> random.nextInt(8) == 0
                ? pick(random, List.of("20240105", "2024/01/05", "2024-02-30", "2099-01-01", "x", "", "2024-03-01 10:00",
                    "1704412800", "2024-03-01T00:00:00Z"))
                : day.plusDays(random.nextInt(4) == 0 ? 0 : i).toString();
            case "time" -> pick(random, List.of("000000", "00:00:00", "153000", "", "x"));
            case "symbol", "ticker" -> pick(random, List.of("AAA", "bbb", "", "bad sym", "MSFT.US"));
            case "open" -> cellNumber(random, close - 0.5);
            case "high" -> cellNumber(random, close + 1);
            case "low" -> cellNumber(random, close - 1);
            default -> cellNumber(random, close);
          };
          cells.add(random.nextInt(10) == 0 ? "\"" + cell + "\"" : random.nextInt(40) == 0 ? " " + cell + " " : cell);
        }
        if (random.nextInt(15) == 0) {
          cells.remove(cells.size() - 1);
        } else if (random.nextInt(15) == 0) {
          cells.add("7");
        }
        text.append(String.join(",", cells)).append(newline);
        if (random.nextInt(10) == 0) {
          text.append(newline);
        }
      }
      String csv = text.toString();
      switch (random.nextInt(25)) {
        case 0 -> csv = csv + "\"unterminated,1,2" + newline;
        case 1 -> csv = "";
        case 2 -> csv = csv.replaceFirst(",", ",\"a\"b,");
        case 3 -> csv = csv.substring(0, random.nextInt(csv.length() + 1));
        default -> {
        }
      }
      String symbol = random.nextInt(3) == 0 ? null : pick(random, List.of("zzz", "YYY.US", "QQQ"));
      return new Csv(csv, symbol);
    }

    private static String cellNumber(Random random, double value) {
      return random.nextInt(12) == 0
          ? pick(random, List.of("null", "-", "", "abc", "-1", "NaN", "1e400", "1,234.5", "Infinity", "0x10"))
          : String.valueOf(value);
    }
  }

  static {
    // the generators write UTF-8 text; keep the platform charset out of it
    assertThat(StandardCharsets.UTF_8.name()).isEqualTo("UTF-8");
  }
}
