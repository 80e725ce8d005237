package io.ndc.analysis.indicators;

import static io.ndc.analysis.indicators.TaLib.CORE;

import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * 20 indicators over 1,000,000 bars, NDC's {@link IndicatorCatalog#compute} against TA-Lib's Java port in the same JVM
 * (scripts/bench/analysis.sh): for each, rounds alternate between the two (warm-up rounds first), each timed round
 * producing fresh output arrays (TA-Lib's allocated in the round too); median of the measured rounds, the ratio
 * NDC / TA-Lib, and the values compared to 1e-6 relative (TaLibAgreementTest's check). Target: the median ratio
 * over the 20 indicators at most 1.2.
 * Usage: IndicatorBench [bars=1000000] [warmup rounds=5] [measured rounds=15]
 */
public final class IndicatorBench {
  private IndicatorBench() {
  }

  static List<TaLibAgreementTest.Case> twenty() {
    List<TaLibAgreementTest.Case> cases = new ArrayList<>();
    cases.add(TaLibAgreementTest.series("sma", 20, CORE::sma));
    cases.add(TaLibAgreementTest.series("ema", 20, CORE::ema));
    cases.add(TaLibAgreementTest.series("wma", 20, CORE::wma));
    cases.add(TaLibAgreementTest.series("dema", 20, CORE::dema));
    cases.add(TaLibAgreementTest.series("tema", 20, CORE::tema));
    cases.add(TaLibAgreementTest.series("rsi", 14, CORE::rsi));
    cases.add(new TaLibAgreementTest.Case("macd:12:26:9",
        b -> (s, e, beg, nb, o) -> CORE.macd(s, e, b.close(), 12, 26, 9, beg, nb, o[0], o[1], o[2])));
    cases.add(new TaLibAgreementTest.Case("bollinger:20:2", b -> (s, e, beg, nb, o) -> CORE.bbands(s, e, b.close(), 20,
        2.0, 2.0, MAType.Sma, beg, nb, o[0], o[1], o[2])));
    cases.add(new TaLibAgreementTest.Case("stoch:14:3:3", b -> (s, e, beg, nb, o) -> CORE.stoch(s, e,
        b.high(), b.low(), b.close(), 14, 3, MAType.Sma, 3, MAType.Sma, beg, nb, o[0], o[1])));
    cases.add(new TaLibAgreementTest.Case("stochrsi:14:5:3", b -> (s, e, beg, nb, o) ->
        CORE.stochRsi(s, e, b.close(), 14, 5, 3, MAType.Sma, beg, nb, o[0], o[1])));
    cases.add(TaLibAgreementTest.bars("atr", 14, CORE::atr));
    cases.add(TaLibAgreementTest.bars("adx", 14, CORE::adx));
    cases.add(TaLibAgreementTest.bars("cci", 20, CORE::cci));
    cases.add(TaLibAgreementTest.bars("willr", 14, CORE::willR));
    cases.add(new TaLibAgreementTest.Case("mfi:14",
        b -> (s, e, beg, nb, o) -> CORE.mfi(s, e, b.high(), b.low(), b.close(), b.volume(), 14, beg, nb, o[0])));
    cases.add(TaLibAgreementTest.series("roc", 10, CORE::roc));
    cases.add(TaLibAgreementTest.series("mom", 10, CORE::mom));
    cases.add(TaLibAgreementTest.series("stddev", 20, (s, e, in, p, beg, nb, o) -> CORE.stdDev(s, e, in, p, 1.0, beg, nb, o)));
    cases.add(new TaLibAgreementTest.Case("obv", b -> (s, e, beg, nb, o) -> CORE.obv(s, e, b.close(), b.volume(), beg, nb, o[0])));
    cases.add(new TaLibAgreementTest.Case("sar:0.02:0.2", b -> (s, e, beg, nb, o) -> CORE.sar(s, e, b.high(), b.low(),
        0.02, 0.2, beg, nb, o[0])));
    return cases;
  }

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    Bars bars = Series.randomWalk(20_261_204L, n);
    System.out.printf("indicators over %,d bars: NDC IndicatorCatalog.compute vs TA-Lib 0.4.0 Core, same JVM, "
        + "%d warm-up + %d measured rounds each, alternating; median ms%n", n, warmup, rounds);
    System.out.printf("%-16s %9s %9s %7s  %s%n", "indicator", "NDC ms", "TA-Lib ms", "ratio", "values");
    List<Double> ratios = new ArrayList<>();
    boolean allSame = true;
    for (TaLibAgreementTest.Case c : twenty()) {
      IndicatorSpec spec = IndicatorCatalog.parse(c.spec());
      int lines = IndicatorCatalog.lines(spec.name()).size();
      double[] ours = new double[rounds];
      double[] theirs = new double[rounds];
      Map<String, double[]> last = null;
      double[][] talib = null;
      MInteger begin = new MInteger();
      MInteger count = new MInteger();
      for (int r = -warmup; r < rounds; r++) {
        long t0 = System.nanoTime();
        last = IndicatorCatalog.compute(spec, bars);
        long t1 = System.nanoTime();
        talib = new double[lines][n];
        c.talib().apply(bars).run(0, n - 1, begin, count, talib);
        long t2 = System.nanoTime();
        if (r >= 0) {
          ours[r] = (t1 - t0) / 1e6;
          theirs[r] = (t2 - t1) / 1e6;
        }
      }
      String same;
      try {
        double[][] placed = TaLib.run(n, lines, c.talib().apply(bars));
        List<String> names = IndicatorCatalog.lines(spec.name());
        for (int i = 0; i < lines; i++) {
          Agreement.assertSameSeries(c.spec() + " " + names.get(i), last.get(names.get(i)), placed[i]);
        }
        same = "same";
      } catch (AssertionError e) {
        same = "DIFFERENT: " + e.getMessage().lines().findFirst().orElse("");
        allSame = false;
      }
      double mine = median(ours);
      double ref = median(theirs);
      ratios.add(mine / ref);
      System.out.printf("%-16s %9.2f %9.2f %7.2f  %s%n", c.spec(), mine, ref, mine / ref, same);
    }
    double median = median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    System.out.printf("median ratio NDC/TA-Lib over %d indicators: %.2f (target <= 1.2: %s); values %s%n", ratios.size(),
        median, median <= 1.2 ? "met" : "NOT met", allSame ? "equal to TA-Lib (1e-6 relative) for all" : "DIFFER");
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }
}
