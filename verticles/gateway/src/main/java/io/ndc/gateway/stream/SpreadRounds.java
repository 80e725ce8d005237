package io.ndc.gateway.stream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Spreads a periodic action on many items over its period: every {@code periodMs} a round takes the items present at
 * its start and hands them out a slice at a time, one slice per call (made every {@code sliceMs}), so no call does
 * them all. An item keeps its place in the round, so its turns stay one period apart. Used by the stream heartbeat:
 * pinging 1,000 connections at once (and reading their 1,000 pongs) held the fan-out's event loop for 30 ms every
 * round, the first round for 100-400 ms.
 */
final class SpreadRounds<T> {
  private final long periodMs;
  private final long slices;
  private final ArrayDeque<T> round = new ArrayDeque<>();
  private long roundStartedMs;
  private int perSlice;

  /** The first round starts one period after {@code startMs}. */
  SpreadRounds(long periodMs, long sliceMs, long startMs) {
    this.periodMs = periodMs;
    this.slices = Math.max(1, periodMs / sliceMs);
    this.roundStartedMs = startMs;
  }

  /** The items whose turn it is at {@code nowMs}, out of {@code items} (read when a round starts). */
  List<T> slice(long nowMs, Collection<T> items) {
    if (round.isEmpty()) {
      if (nowMs - roundStartedMs < periodMs) {
        return List.of();
      }
      roundStartedMs = nowMs;
      round.addAll(items);
      perSlice = (int) Math.max(1, (round.size() + slices - 1) / slices);
    }
    List<T> due = new ArrayList<>(perSlice);
    while (due.size() < perSlice && !round.isEmpty()) {
      due.add(round.poll());
    }
    return due;
  }
}
