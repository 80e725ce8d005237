package io.ndc.collector.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.ndc.collector.source.SourceStatus;
import io.ndc.contract.MarketAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TradePipelineTest {
  private static final long T0 = 1_704_205_800_000L;

  private static TradePipeline pipeline(Vertx vertx) {
    return new TradePipeline(vertx, "src", SourceStatus.of("pipeline-test"), LiveSettings.fromConfig(new JsonObject()), new TradePipeline.Listener() {
      @Override
      public void connected(boolean reconnect, long lastTradeMillis) {
      }

      @Override
      public void disconnected(String reason) {
      }
    });
  }

  /**
   * A feed that moves to a new node (a new pipeline) keeps per-symbol sequence numbers increasing: a takeover takes
   * at least the lock's handover, so the new owner's trades are at least a millisecond later than the old owner's
   * (and no symbol has 1,000 trades in one millisecond).
   */
  @Property(tries = 50)
  void sequenceNumbersIncreaseAcrossAMoveToAnotherNode(@ForAll @Size(min = 1, max = 300) List<@IntRange(min = 0, max = 3) Integer> gapsMs,
      @ForAll @IntRange(min = 1, max = 300) int split) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      List<Long> seqs = new ArrayList<>();
      vertx.eventBus().<JsonObject>localConsumer(MarketAddresses.trade("S"), m -> seqs.add(m.body().getLong("seq")));
      CompletableFuture<Void> done = new CompletableFuture<>();
      vertx.runOnContext(v -> {
        TradePipeline first = pipeline(vertx);
        TradePipeline second = pipeline(vertx);
        long t = T0;
        int handover = Math.min(split, gapsMs.size());
        for (int i = 0; i < gapsMs.size(); i++) {
          t += i == handover ? Math.max(1, gapsMs.get(i)) : gapsMs.get(i);
          (i < handover ? first : second).trade("S", 10, 1, t);
        }
        vertx.runOnContext(w -> done.complete(null));
      });
      done.get(5, TimeUnit.SECONDS);
      assertThat(seqs).hasSize(gapsMs.size()).isSorted().doesNotHaveDuplicates();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void tradesAreAlsoBufferedForStorage() {
    Vertx vertx = Vertx.vertx();
    try {
      TradePipeline pipeline = pipeline(vertx);
      pipeline.trade("A", 1, 1, T0);
      pipeline.trade("B", 1, 1, T0);
      assertThat(pipeline.buffered()).isEqualTo(2);
      assertThat(pipeline.trades()).isEqualTo(2);
    } finally {
      vertx.close();
    }
  }
}
