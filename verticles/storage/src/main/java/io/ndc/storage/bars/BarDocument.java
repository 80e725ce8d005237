package io.ndc.storage.bars;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.jackson.DatabindCodec;
import java.io.IOException;

/**
 * Reads the JSON text of a bar batch ({@code {"source","interval","rows":[...]}}) in one streaming pass straight
 * into {@link RawBars}, without a JSON object per row: the common shape of an upload (string source and interval,
 * rows of objects whose fields are strings, numbers or null) is read here, with the parser configuration of Vert.x's
 * own JSON decoding and each value as that decoding gives it. Anything else (malformed or trailing text, another
 * type in a field the validator reads, an element that is no object, {@code rows} twice) is left to the plain
 * reader ({@link io.ndc.contract.storage.BarsUpload#read()}), which gives the answer the whole request always got;
 * so this reader changes how fast a batch is read, never what is accepted or refused.
 */
public final class BarDocument {
  private static final JsonFactory FACTORY = DatabindCodec.mapper().getFactory();

  /** What a document holds at its top level; {@code rows} null when it has none. */
  public record Read(String source, String interval, RawBars rows) {
  }

  private BarDocument() {
  }

  /** The document read, or null when it is for the plain reader. */
  public static Read read(Buffer document) {
    if (document.length() == 0) {
      return null;
    }
    byte[] bytes = document.getBytes();
    try (JsonParser p = FACTORY.createParser(bytes)) {
      return read(p, bytes);
    } catch (IOException | RuntimeException e) {
      // malformed, or beyond the parser's limits: the plain reader says what is wrong
      return null;
    }
  }

  private static Read read(JsonParser p, byte[] bytes) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return null;
    }
    String source = null;
    String interval = null;
    RawBars rows = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      switch (name) {
        case "source", "interval" -> {
          if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
            return null;
          }
          String text = value == JsonToken.VALUE_NULL ? null : p.getText();
          if (name.equals("source")) {
            source = text;
          } else {
            interval = text;
          }
        }
        case "rows" -> {
          if (value != JsonToken.START_ARRAY || rows != null) {
            return null;
          }
          rows = rows(p, bytes);
          if (rows == null) {
            return null;
          }
        }
        default -> p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
      return null;
    }
    return new Read(source, interval, rows);
  }

  /** The elements of the array at the parser, or null when one is not for this reader. */
  private static RawBars rows(JsonParser p, byte[] bytes) throws IOException {
    // about 100 bytes per row in the common spelling
    IntRange spans = new IntRange(bytes.length / 96 + 4);
    RawBars rows = new RawBars(bytes.length / 96 + 4, at -> new JsonObject(Buffer.buffer(bytes).slice(spans.from(at),
        spans.to(at))));
    int count = 0;
    JsonToken token;
    while ((token = p.nextToken()) == JsonToken.START_OBJECT) {
      long start = p.currentTokenLocation().getByteOffset();
      int at = rows.add(++count);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (!RawBars.known(field)) {
          p.skipChildren();
          continue;
        }
        Object read = switch (value) {
          case VALUE_STRING -> p.getText();
          case VALUE_NUMBER_INT -> p.getNumberValue();
          case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
          case VALUE_NULL -> null;
          default -> Unread.VALUE;
        };
        if (read == Unread.VALUE) {
          return null;
        }
        rows.set(at, field, read);
      }
      long end = p.currentTokenLocation().getByteOffset() + 1;
      if (start < 0 || end > bytes.length) {
        return null;
      }
      spans.put(at, (int) start, (int) end);
    }
    return token == JsonToken.END_ARRAY ? rows : null;
  }

  private enum Unread { VALUE }

  /** Where each row's object starts and ends in the document, to decode a refused row as it was sent. */
  private static final class IntRange {
    private int[] bounds;

    IntRange(int capacity) {
      bounds = new int[capacity * 2];
    }

    void put(int at, int from, int to) {
      if (at * 2 + 1 >= bounds.length) {
        bounds = java.util.Arrays.copyOf(bounds, Math.max(bounds.length * 2, at * 2 + 2));
      }
      bounds[at * 2] = from;
      bounds[at * 2 + 1] = to;
    }

    int from(int at) {
      return bounds[at * 2];
    }

    int to(int at) {
      return bounds[at * 2 + 1];
    }
  }
}
