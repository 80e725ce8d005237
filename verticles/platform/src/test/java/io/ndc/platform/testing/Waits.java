package io.ndc.platform.testing;

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
}
