package io.ndc.analysis.indicators;

import static io.ndc.analysis.indicators.Param.number;
import static io.ndc.analysis.indicators.Param.period;

import io.ndc.analysis.indicators.Columns.Input;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Every indicator of SPEC §9 with its parameters (TA-Lib's minimum, at most {@link Param#MAX_PERIOD} bars, and the
 * default used when a request names none), lines, inputs, look-back and computation.
 */
final class IndicatorTable {
  private IndicatorTable() {}

  private static final List<String> BANDS = List.of("upper", "middle", "lower");
  private static final List<Input> HLC = List.of(Input.HIGH, Input.LOW, Input.CLOSE);
  private static final List<Input> HLCV = List.of(Input.HIGH, Input.LOW, Input.CLOSE, Input.VOLUME);

  static final Map<String, Indicator> BY_NAME = index(List.of(
      series("sma", 2, 20, p -> p - 1, MovingAverages::sma),
      series("ema", 2, 20, p -> p - 1, MovingAverages::ema),
      series("wma", 2, 20, p -> p - 1, MovingAverages::wma),
      series("dema", 2, 20, p -> 2 * (p - 1), MovingAverages::dema),
      series("tema", 2, 20, p -> 3 * (p - 1), MovingAverages::tema),
      series("rsi", 2, 14, p -> p, Momentum::rsi),
      Indicator.series("macd",
          List.of(period("fast period", 2, 12), period("slow period", 2, 26), period("signal period", 2, 9)),
          List.of("macd", "signal", "histogram"),
          p -> Momentum.macdLookback(whole(p, 0), whole(p, 1), whole(p, 2)),
          (in, p, from, to, out) -> Momentum.macd(in.close(), from, to, whole(p, 0), whole(p, 1), whole(p, 2), out)),
      Indicator.series("bollinger",
          List.of(period("period", 2, 20), number("std devs", 0, 100, 2)), BANDS,
          p -> whole(p, 0) - 1,
          (in, p, from, to, out) -> Volatility.bollinger(in.close(), from, to, whole(p, 0), p[1], out)),
      Indicator.bars("stoch",
          List.of(period("k period", 1, 14), period("slow k period", 1, 3), period("d period", 1, 3)),
          List.of("k", "d"), HLC,
          p -> Oscillators.stochLookback(whole(p, 0), whole(p, 1), whole(p, 2)),
          (in, p, from, to, out) -> Oscillators.stoch(in, from, to, whole(p, 0), whole(p, 1), whole(p, 2), out)),
      Indicator.series("stochrsi",
          List.of(period("period", 2, 14), period("k period", 1, 5), period("d period", 1, 3)),
          List.of("k", "d"),
          p -> Oscillators.stochRsiLookback(whole(p, 0), whole(p, 1), whole(p, 2)),
          (in, p, from, to, out) ->
              Oscillators.stochRsi(in.close(), from, to, whole(p, 0), whole(p, 1), whole(p, 2), out)),
      bars("atr", 1, 14, HLC, p -> p, Volatility::atr),
      bars("adx", 2, 14, HLC, Directional::adxLookback, Directional::adx),
      Indicator.bars("dmi", List.of(period("period", 2, 14)), List.of("plus_di", "minus_di"), HLC,
          p -> whole(p, 0), (in, p, from, to, out) -> Directional.dmi(in, from, to, whole(p, 0), out)),
      bars("cci", 2, 20, HLC, p -> p - 1, Oscillators::cci),
      bars("willr", 2, 14, HLC, p -> p - 1, Oscillators::willr),
      bars("mfi", 2, 14, HLCV, p -> p, VolumeIndicators::mfi),
      series("roc", 1, 10, p -> p, Momentum::roc),
      series("mom", 1, 10, p -> p, Momentum::mom),
      series("stddev", 2, 20, p -> p - 1, Volatility::stddev),
      Indicator.bars("obv", List.of(), Indicator.SINGLE, List.of(Input.CLOSE, Input.VOLUME), p -> 0,
          (in, p, from, to, out) -> VolumeIndicators.obv(in, from, to, out[0])),
      Indicator.bars("vwap", List.of(), Indicator.SINGLE, HLCV, p -> 0,
          (in, p, from, to, out) -> VolumeIndicators.vwap(in, from, to, out[0])),
      Indicator.bars("sar", List.of(number("step", 0, 1, 0.02), number("maximum", 0, 1, 0.2)), Indicator.SINGLE,
          List.of(Input.HIGH, Input.LOW), p -> 1,
          (in, p, from, to, out) -> ParabolicSar.sar(in, from, to, p[0], p[1], out[0])),
      Indicator.bars("ichimoku",
          List.of(period("tenkan period", 1, 9), period("kijun period", 1, 26), period("senkou period", 1, 52)),
          List.of("tenkan", "kijun", "senkou_a", "senkou_b", "chikou"), HLC,
          p -> Channels.ichimokuLookback(whole(p, 0), whole(p, 1), whole(p, 2)),
          (in, p, from, to, out) -> Channels.ichimoku(in, from, to, whole(p, 0), whole(p, 1), whole(p, 2), out)),
      Indicator.bars("donchian", List.of(period("period", 1, 20)), BANDS, List.of(Input.HIGH, Input.LOW),
          p -> whole(p, 0) - 1, (in, p, from, to, out) -> Channels.donchian(in, from, to, whole(p, 0), out)),
      Indicator.bars("keltner", List.of(period("period", 2, 20), number("atr multiple", 0, 100, 2)), BANDS, HLC,
          p -> whole(p, 0), (in, p, from, to, out) -> Channels.keltner(in, from, to, whole(p, 0), p[1], out))));

  private static Map<String, Indicator> index(List<Indicator> indicators) {
    Map<String, Indicator> byName = new LinkedHashMap<>();
    indicators.forEach(indicator -> byName.put(indicator.name(), indicator));
    return Collections.unmodifiableMap(byName);
  }

  static int whole(double[] params, int i) {
    return (int) params[i];
  }

  /** A single-line indicator of one series with one period. */
  private static Indicator series(String name, int min, int fallback, IntUnaryOperator lookback,
      PeriodKernel.OfSeries kernel) {
    return Indicator.series(name, List.of(period("period", min, fallback)), Indicator.SINGLE,
        p -> lookback.applyAsInt(whole(p, 0)),
        (in, p, from, to, out) -> kernel.compute(in.close(), from, to, whole(p, 0), out[0]));
  }

  /** A single-line indicator of bars with one period. */
  private static Indicator bars(String name, int min, int fallback, List<Input> inputs,
      IntUnaryOperator lookback, PeriodKernel.OfBars kernel) {
    return Indicator.bars(name, List.of(period("period", min, fallback)), Indicator.SINGLE, inputs,
        p -> lookback.applyAsInt(whole(p, 0)),
        (in, p, from, to, out) -> kernel.compute(in, from, to, whole(p, 0), out[0]));
  }
}
