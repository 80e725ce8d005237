package io.ndc.gateway.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in the shape of random (version 4) UUIDs. They only have to be unique enough to find a request in
 * the logs, not unguessable, so they come from the thread's own random generator instead of {@link
 * UUID#randomUUID()}'s shared {@code SecureRandom}, which every request of every event loop would otherwise go through.
 */
public final class RequestIds {
  private RequestIds() {
  }

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = random.nextLong() & ~0xF000L | 0x4000L;
    long low = random.nextLong() & ~(0xC000_0000_0000_0000L) | 0x8000_0000_0000_0000L;
    return new UUID(high, low).toString();
  }
}
