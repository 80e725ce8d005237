package io.ndc.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class PageProperties {

  /** Every page and limit, as a number or as query text, is either the page asked for or a validation error. */
  @Property
  void aPageIsWhatWasAskedOrAValidationError(@ForAll int page, @ForAll int limit, @ForAll boolean asText) {
    JsonObject request = asText ? new JsonObject().put("page", " " + page).put("limit", String.valueOf(limit))
        : new JsonObject().put("page", page).put("limit", limit);
    Throwable error = catchThrowable(() -> {
      Page read = Page.fromJson(request);
      assertThat(read).isEqualTo(new Page(page, limit));
      assertThat(read.offset()).isEqualTo((page - 1) * limit);
    });
    boolean valid = page >= 1 && limit >= 1 && limit <= Page.MAX_LIMIT;
    if (valid) {
      assertThat(error).isNull();
    } else {
      assertThat(error).isInstanceOf(Failure.class);
      assertThat(((Failure) error).code()).isEqualTo(ErrorCode.VALIDATION_ERROR);
    }
  }

  @Property
  void theReplyCountsItsPages(@ForAll("limits") int limit, @ForAll("totals") long total) {
    JsonObject reply = new Page(1, limit).reply(new JsonArray(), total);
    long pages = Page.pages(reply);
    assertThat(pages * limit).isGreaterThanOrEqualTo(total);
    assertThat((pages - 1) * limit).isLessThan(Math.max(total, 1));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Integer> limits() {
    return net.jqwik.api.Arbitraries.integers().between(1, Page.MAX_LIMIT);
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Long> totals() {
    return net.jqwik.api.Arbitraries.longs().between(0, 10_000_000);
  }
}
