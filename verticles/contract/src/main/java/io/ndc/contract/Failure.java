package io.ndc.contract;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * The one failure type of NDC. On the bus it travels as a {@link ReplyException} whose failure code is the
 * HTTP status and whose message is {@code {"code","message","details"}}; the gateway maps it to the REST envelope.
 */
public final class Failure extends RuntimeException {
  private final int status;
  private final ErrorCode code;
  private final transient JsonObject details;

  public Failure(int status, ErrorCode code, String message, JsonObject details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  public Failure(ErrorCode code, String message) {
    this(code.status(), code, message, null);
  }

  public static Failure validation(String message) {
    return new Failure(ErrorCode.VALIDATION_ERROR, message);
  }

  public static Failure validation(String message, JsonObject details) {
    return new Failure(400, ErrorCode.VALIDATION_ERROR, message, details);
  }

  public static Failure notFound(String message) {
    return new Failure(ErrorCode.RESOURCE_NOT_FOUND, message);
  }

  public static Failure conflict(String message) {
    return new Failure(ErrorCode.CONFLICT, message);
  }

  public static Failure unavailable(String message) {
    return new Failure(ErrorCode.SERVICE_UNAVAILABLE, message);
  }

  public int status() {
    return status;
  }

  public ErrorCode code() {
    return code;
  }

  public JsonObject details() {
    return details;
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("code", code.name()).put("message", getMessage());
    if (details != null) {
      json.put("details", details);
    }
    return json;
  }

  /** This failure as a handler replies it on the bus (what {@code Message.fail(status, json)} sends); {@link #from} reads it back. */
  public ReplyException toReplyException() {
    return new ReplyException(ReplyFailure.RECIPIENT_FAILURE, status, toJson().encode());
  }

  /**
   * Reads any failure that came back from a bus request: our own JSON failures, a missing handler (503), a
   * timeout (504); anything else is an internal error whose text is not shown to clients.
   */
  public static Failure from(Throwable error) {
    if (error instanceof Failure failure) {
      return failure;
    }
    if (error instanceof ReplyException reply) {
      switch (reply.failureType()) {
        case NO_HANDLERS:
          return new Failure(ErrorCode.SERVICE_UNAVAILABLE, "no service is serving this request right now");
        case TIMEOUT:
          return new Failure(ErrorCode.UPSTREAM_TIMEOUT, "the service did not answer in time");
        default:
          return fromRecipientFailure(reply);
      }
    }
    return new Failure(ErrorCode.INTERNAL_SERVER_ERROR, "internal error");
  }

  private static Failure fromRecipientFailure(ReplyException reply) {
    String text = reply.getMessage();
    if (text != null && text.startsWith("{")) {
      try {
        JsonObject json = new JsonObject(text);
        ErrorCode code = parseCode(json.getString("code"), reply.failureCode());
        int status = reply.failureCode() >= 400 && reply.failureCode() < 600 ? reply.failureCode() : code.status();
        return new Failure(status, code, json.getString("message", code.name()), json.getJsonObject("details"));
      } catch (DecodeException | ClassCastException ignored) {
        // not one of ours: fall through to an internal error
      }
    }
    return new Failure(ErrorCode.INTERNAL_SERVER_ERROR, "internal error");
  }

  private static ErrorCode parseCode(String name, int status) {
    if (name != null) {
      try {
        return ErrorCode.valueOf(name);
      } catch (IllegalArgumentException ignored) {
        // unknown code name: derive it from the status
      }
    }
    return ErrorCode.forStatus(status);
  }
}
