package io.ndc.contract;

/** Addresses every service answers, whatever else it does. */
public final class SystemAddresses {
  private SystemAddresses() {
  }

  /** {@code ndc.<service>.health.check}: replies with a {@link HealthReport}. */
  public static String healthCheck(ServiceName service) {
    return "ndc." + service.id() + ".health.check";
  }
}
