package io.ndc.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class FailureTest {

  @Test
  void roundTripsThroughAReplyException() {
    Failure original = new Failure(422, ErrorCode.VALIDATION_ERROR, "low above high", new JsonObject().put("row", 3));
    Failure back = Failure.from(original.toReplyException());
    assertThat(back.status()).isEqualTo(422);
    assertThat(back.code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    assertThat(back.getMessage()).isEqualTo("low above high");
    assertThat(back.details().getInteger("row")).isEqualTo(3);
  }

  @Test
  void missingHandlerIs503AndTimeoutIs504() {
    assertThat(Failure.from(new ReplyException(ReplyFailure.NO_HANDLERS, "x")).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    assertThat(Failure.from(new ReplyException(ReplyFailure.NO_HANDLERS, "x")).status()).isEqualTo(503);
    assertThat(Failure.from(new ReplyException(ReplyFailure.TIMEOUT, "x")).code()).isEqualTo(ErrorCode.UPSTREAM_TIMEOUT);
    assertThat(Failure.from(new ReplyException(ReplyFailure.TIMEOUT, "x")).status()).isEqualTo(504);
  }

  @Test
  void foreignFailuresBecomeInternalErrorsWithoutTheirText() {
    Failure f = Failure.from(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, 500, "java.lang.NullPointerException at Foo.bar"));
    assertThat(f.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
    assertThat(f.getMessage()).doesNotContain("NullPointer", "Foo");
    assertThat(Failure.from(new IllegalStateException("secret detail")).getMessage()).isEqualTo("internal error");
  }

  @Property
  void anyFailureSurvivesTheBusEncoding(@ForAll ErrorCode code, @ForAll String message) {
    Failure back = Failure.from(new Failure(code, message).toReplyException());
    assertThat(back.code()).isEqualTo(code);
    assertThat(back.status()).isEqualTo(code.status());
    assertThat(back.getMessage()).isEqualTo(message);
  }
}
