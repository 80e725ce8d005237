package io.ndc.analysis.indicators;

import java.util.List;

/**
 * A parsed request like {@code bollinger:20:2}: the indicator's name, its numeric parameters as given (empty when
 * the defaults are meant) and the response key ({@code bollinger_20_2}, the parameters written as in the request).
 * Make one with {@link IndicatorCatalog#parse} or {@link IndicatorCatalog#spec}, which validate it.
 */
public record IndicatorSpec(String name, List<Double> params, String key) {

  public IndicatorSpec {
    params = List.copyOf(params);
  }
}
