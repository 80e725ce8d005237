package io.ndc.node;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;

/** What an attacker puts where text, numbers and bodies are expected (the fuzzer's vocabulary). */
final class HostileValues {
  private static final List<String> TEXT = List.of("", " ", "\u0000", "a\u0000b", "\u0001\u001f\u007f", "-1", "0",
      "99999999999999999999999", "1e400", "-1e400", "NaN", "Infinity", "true", "null", "[]", "{}", "../../etc/passwd",
      "2024-13-45", "0001-01-01", "-4713-01-01", "0000-01-01", "9999-12-31T23:59:59Z", "2024-02-30",
      "\u00e9\u4e2d\ud83d\ude00", "%00", "' OR 1=1 --", "<script>", "AAPL", "daily", "1m", "*",
      "00000000-0000-0000-0000-000000000000", "not-a-uuid");
  private static final List<String> CONTENT_TYPES = List.of("text/plain", "multipart/form-data; boundary=x",
      "application/x-www-form-urlencoded", "application/xml", "application/json; charset=utf-16", "", "text/csv");
  private static final List<String> BROKEN_JSON = List.of("{", "[1,2", "{\"a\":NaN}", "{\"a\":1e99999}", "\"text\"",
      "[]", "null", "{\"a\":\"\\ud800\"}", "{\"a\":01}", "{'a':1}");

  private HostileValues() {
  }

  static String text(Random random) {
    return switch (random.nextInt(12)) {
      case 0 -> "x".repeat(1 + random.nextInt(6000));
      case 1 -> String.valueOf(random.nextLong());
      default -> TEXT.get(random.nextInt(TEXT.size()));
    };
  }

  static String contentType(Random random) {
    return CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
  }

  /** A JSON value of any type, sometimes huge or deep. */
  static Object value(Random random, int depth) {
    return switch (random.nextInt(14)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextLong();
      case 3 -> 1e308 * (random.nextBoolean() ? 1 : -1);
      case 4 -> random.nextDouble();
      case 5 -> new java.math.BigInteger("123456789012345678901234567890");
      case 6 -> "y".repeat(random.nextInt(depth == 0 ? 2_000_000 : 1000));
      case 7 -> deep(random.nextInt(depth == 0 ? 300 : 20));
      case 8 -> depth > 2 ? "leaf" : new JsonObject().put("nested", value(random, depth + 1));
      case 9 -> {
        JsonArray many = new JsonArray();
        int n = random.nextInt(2000);
        for (int i = 0; i < n; i++) {
          many.add(depth > 0 ? i : value(random, depth + 1));
        }
        yield many;
      }
      default -> text(random);
    };
  }

  private static JsonArray deep(int levels) {
    JsonArray inner = new JsonArray();
    for (int i = 0; i < levels; i++) {
      inner = new JsonArray().add(inner);
    }
    return inner;
  }

  /** A body: the route's fields with hostile values, a random object, or JSON that does not parse. */
  static Buffer body(Random random, List<String> fields) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return Buffer.buffer(BROKEN_JSON.get(random.nextInt(BROKEN_JSON.size())));
    }
    if (kind == 1) {
      return Buffer.buffer("[".repeat(3000) + "]".repeat(3000));
    }
    JsonObject body = new JsonObject();
    for (String field : fields) {
      if (random.nextInt(4) > 0) {
        body.put(field, value(random, 0));
      }
    }
    if (kind == 2) {
      body.put(text(random), value(random, 0));
    }
    return body.toBuffer();
  }

  /** CSV as exports send it, and broken: unbalanced quotes, odd columns, binary, huge lines. */
  static String csv(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "Date,Open,High,Low,Close,Volume\n2024-01-02,1,2,0.5,1.5,100\n\"2024-01-03,1,2";
      case 1 -> "a,b\n1,2,3,4\n\u0000\u0001";
      case 2 -> "Date,Close\n" + "x".repeat(200_000);
      case 3 -> "symbol,date,open,high,low,close,volume\nAAPL,-4713-01-01,1,1,1,1,1\nAAPL,0001-01-01,1,1,1,1,1";
      case 4 -> "";
      default -> "Date,Open,High,Low,Close,Volume\n" + text(random) + "," + text(random) + ",1,1,1,1";
    };
  }
}
