package io.ndc.collector.source;

import io.ndc.contract.storage.StorageAddresses;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a collector collects, the capability a source needs for it and where storage takes the rows. */
public enum Dataset {
  BARS("bars", Capability.HISTORY_BARS, StorageAddresses.BARS_INGEST),
  TRADES("trades", Capability.LIVE_TRADES, StorageAddresses.TRADES_INGEST),
  TRADING_TRENDS("trading_trends", Capability.TRADING_TRENDS, StorageAddresses.TRENDS_INGEST),
  FINANCIALS("financials", Capability.FINANCIALS, StorageAddresses.FINANCIALS_INGEST),
  INSTRUMENTS("instruments", Capability.INSTRUMENTS, StorageAddresses.INSTRUMENTS_UPSERT);

  private final String id;
  private final Capability capability;
  private final String ingestAddress;

  Dataset(String id, Capability capability, String ingestAddress) {
    this.id = id;
    this.capability = capability;
    this.ingestAddress = ingestAddress;
  }

  public String id() {
    return id;
  }

  public Capability capability() {
    return capability;
  }

  public String ingestAddress() {
    return ingestAddress;
  }

  public static Dataset of(String id) {
    for (Dataset d : values()) {
      if (d.id.equals(id)) {
        return d;
      }
    }
    throw new IllegalArgumentException("unknown dataset '" + id + "'; expected one of "
        + Arrays.stream(values()).map(Dataset::id).collect(Collectors.joining(", ")));
  }
}
