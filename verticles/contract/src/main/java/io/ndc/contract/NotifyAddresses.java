package io.ndc.contract;

/** Publications of the notification service (SPEC §4). */
public final class NotifyAddresses {
  private NotifyAddresses() {
  }

  /** {@code ndc.notify.alert.<USERID>}: a user's triggered alerts, for the stream's {@code alerts} channel. */
  public static String alert(String userId) {
    return "ndc.notify.alert." + userId;
  }
}
