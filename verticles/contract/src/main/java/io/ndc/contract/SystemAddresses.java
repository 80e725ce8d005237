package io.ndc.contract;

/** Addresses every service answers, whatever else it does. */
public final class SystemAddresses {
  private SystemAddresses() {
  }

  /** {@code ndc.<service>.health.check}: replies with a {@link HealthReport}. */
  public static String healthCheck(ServiceName service) {
    return "ndc." + service.id() + ".health.check";
  }

  /**
   * {@code ndc.<service>.node.info}: replies {@code {"service","node","version","started_at"}} without touching any
   * dependency, so it measures the bus itself and tells which node serves a service.
   */
  public static String nodeInfo(ServiceName service) {
    return "ndc." + service.id() + ".node.info";
  }
}
