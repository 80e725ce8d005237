package io.ndc.collector.source;

import io.ndc.collector.source.alphavantage.AlphaVantageAdapter;
import io.ndc.collector.source.csv.CsvAdapter;
import io.ndc.collector.source.finnhub.FinnhubAdapter;
import io.ndc.collector.source.krx.KrxAdapter;
import io.ndc.collector.source.simulated.SimulatedAdapter;
import io.ndc.collector.source.yahoo.YahooAdapter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The adapter types a source may name. Building an adapter does no I/O and validates the definition (an
 * {@link IllegalArgumentException} names what is wrong), so registering a source builds one to check it.
 */
public final class SourceTypes {
  private static final Map<String, Function<SourceContext, SourceAdapter>> TYPES = types();

  private SourceTypes() {
  }

  private static Map<String, Function<SourceContext, SourceAdapter>> types() {
    Map<String, Function<SourceContext, SourceAdapter>> types = new LinkedHashMap<>();
    types.put("simulated", SimulatedAdapter::new);
    types.put("csv", CsvAdapter::new);
    types.put("yahoo", YahooAdapter::new);
    types.put("alphavantage", AlphaVantageAdapter::new);
    types.put("krx", KrxAdapter::new);
    types.put("finnhub", FinnhubAdapter::new);
    return Map.copyOf(types);
  }

  public static SourceAdapter create(SourceContext context) {
    Function<SourceContext, SourceAdapter> factory = TYPES.get(context.definition().type());
    if (factory == null) {
      throw new IllegalArgumentException("unknown source type '" + context.definition().type() + "'; expected one of "
          + String.join(", ", new java.util.TreeSet<>(TYPES.keySet())));
    }
    return factory.apply(context);
  }
}
