package io.ndc.platform.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * How NDC tests wait: Awaitility, with each wait named for what it waits for, its own {@code atMost}, and failing when
 * the condition never holds. Exceptions thrown on other threads (a killed cluster member's Hazelcast threads, a client
 * whose server went away on purpose) are the system under test's business, not the wait's, so they do not fail it.
 */
public final class Waits {
  private Waits() {
  }

  /** {@code Awaitility.await(what)} that leaves other threads' uncaught exceptions alone. */
  public static ConditionFactory await(String what) {
    return Awaitility.await(what).dontCatchUncaughtExceptions();
  }

  /**
   * Polls {@code probe} under {@code wait} until {@code done} holds for its value and returns that value; when it never
   * does, the failure shows the last value as {@code shown} renders it (a response's status and body, say).
   */
  public static <T> T until(ConditionFactory wait, Callable<T> probe, Predicate<? super T> done, Function<? super T, ?> shown) {
    AtomicReference<T> last = new AtomicReference<>();
    wait.untilAsserted(() -> {
      last.set(probe.call());
      if (!done.test(last.get())) {
        throw new AssertionError("last seen: " + shown.apply(last.get()));
      }
    });
    return last.get();
  }
}
