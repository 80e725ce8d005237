package io.ndc.gateway.stream;

/** What the subscription hub fans publications out to: a stream session, one per WebSocket connection. */
interface StreamSubscriber {
  /** An encoded event; {@code conflationKey} non-null marks it replaceable by a newer event with the same key. */
  void deliver(String frame, String conflationKey);
}
