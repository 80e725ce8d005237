package io.ndc.platform.bus;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.JsonSyntax;
import io.ndc.contract.Failure;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one adapter between bus messages and handlers: a handler returns a future of its reply (a JSON object or
 * array) or fails with {@link Failure}; this turns that into {@code reply} or {@code fail(status, json)}. Bad input
 * (a decoder throwing {@link IllegalArgumentException}, {@link ClassCastException}, {@link NullPointerException} or
 * {@link DecodeException}) becomes 400; anything else 500, logged with the request id and never sent to clients.
 */
public final class Handlers {
  private static final Logger LOG = LoggerFactory.getLogger(Handlers.class);
  private static final Pattern CAST = Pattern.compile("class (\\S+) cannot be cast to class (\\S+)");

  private Handlers() {
  }

  public static Handler<Message<JsonObject>> request(Function<BusRequest, Future<?>> handler) {
    return message -> {
      BusRequest request = BusRequest.of(message.body(), message.headers());
      MDC.put("request_id", request.requestId());
      MDC.put("user_id", request.userId());
      try {
        handler.apply(request).onComplete(
            ok -> message.reply(ok),
            error -> fail(message, request, error));
      } catch (RuntimeException error) {
        fail(message, request, error);
      } finally {
        MDC.remove("request_id");
        MDC.remove("user_id");
      }
    };
  }

  public static Handler<Message<JsonObject>> json(Function<JsonObject, Future<?>> handler) {
    return request(r -> handler.apply(r.body()));
  }

  /** A handler over a typed request: {@code decoder} maps the body to a record (and validates it). */
  public static <T> Handler<Message<JsonObject>> typed(Function<JsonObject, T> decoder, Function<T, Future<?>> handler) {
    return json(body -> handler.apply(decoder.apply(body)));
  }

  private static void fail(Message<JsonObject> message, BusRequest request, Throwable error) {
    Failure failure = toFailure(error);
    if (failure.status() >= 500) {
      LOG.error("request {} to {} failed (request_id={})", message.address(), failure.code(), request.requestId(), error);
    }
    // what Message.fail(status, text) sends, with the encoding of a failure kept in Failure beside its decoding
    message.reply(failure.toReplyException());
  }

  static Failure toFailure(Throwable error) {
    if (error instanceof Failure f) {
      return f;
    }
    if (error instanceof ClassCastException cast) {
      // the JVM's message names classes, not the request: say which JSON type was wrong
      return new Failure(ErrorCode.VALIDATION_ERROR, wrongType(cast.getMessage()));
    }
    if (error instanceof NullPointerException) {
      return new Failure(ErrorCode.VALIDATION_ERROR, "a required field is missing or null");
    }
    if (error instanceof DecodeException) {
      return new Failure(ErrorCode.VALIDATION_ERROR, JsonSyntax.describe("the request", error));
    }
    if (error instanceof IllegalArgumentException) {
      return new Failure(ErrorCode.VALIDATION_ERROR, error.getMessage() == null ? "invalid request" : error.getMessage());
    }
    return Failure.from(error);
  }

  /** "class java.lang.String cannot be cast to class java.lang.Number ..." as "a field holds text where a number is expected". */
  static String wrongType(String message) {
    Matcher m = message == null ? null : CAST.matcher(message);
    if (m == null || !m.find()) {
      return "a field has the wrong JSON type";
    }
    return "a field holds " + jsonType(m.group(1)) + " where " + jsonType(m.group(2)) + " is expected";
  }

  private static String jsonType(String className) {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return switch (simple) {
      case "String", "CharSequence" -> "text";
      case "Number", "Integer", "Long", "Double", "Float", "BigDecimal", "BigInteger" -> "a number";
      case "Boolean" -> "true/false";
      case "JsonObject", "Map", "LinkedHashMap" -> "an object";
      case "JsonArray", "List", "ArrayList" -> "an array";
      default -> "a " + simple;
    };
  }
}
