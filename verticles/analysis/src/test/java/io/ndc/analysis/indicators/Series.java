package io.ndc.analysis.indicators;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test inputs: seeded random-walk bars and the real daily bars of the fixture. */
final class Series {
  private Series() {}

  static final long DAY = 86_400_000L;

  /** Daily bars of a random walk around 100 with realistic ranges and whole-number volumes. */
  static Bars randomWalk(long seed, int n) {
    Random random = new Random(seed);
    Bars bars = empty(n);
    double last = 100;
    for (int i = 0; i < n; i++) {
      bars.ts()[i] = 1_600_000_000_000L / DAY * DAY + i * DAY;
      double open = last * (1 + random.nextGaussian() * 0.005);
      double close = open * (1 + random.nextGaussian() * 0.02);
      bars.open()[i] = open;
      bars.close()[i] = close;
      bars.high()[i] = Math.max(open, close) * (1 + Math.abs(random.nextGaussian()) * 0.01);
      bars.low()[i] = Math.min(open, close) * (1 - Math.abs(random.nextGaussian()) * 0.01);
      bars.volume()[i] = 1000 + random.nextInt(100_000);
      last = close;
    }
    return bars;
  }

  /**
   * Bars on a coarse price grid with long flat spells: unchanged closes, bars whose high equals their low, and
   * windows with no range at all, where TA-Lib's zero tests and "flat window" answers decide the values.
   */
  static Bars flatSpells(long seed, int n) {
    Random random = new Random(seed);
    Bars bars = empty(n);
    double last = 50;
    for (int i = 0; i < n; i++) {
      bars.ts()[i] = i * DAY;
      boolean flat = random.nextInt(3) == 0;
      double close = flat ? last : Math.max(1, last + (random.nextInt(5) - 2) * 0.5);
      bars.close()[i] = close;
      bars.high()[i] = flat ? close : Math.max(last, close) + random.nextInt(2) * 0.5;
      bars.low()[i] = flat ? close : Math.min(last, close) - random.nextInt(2) * 0.5;
      bars.open()[i] = flat ? close : last;
      bars.volume()[i] = random.nextInt(4) == 0 ? 0 : 100 * (1 + random.nextInt(50));
      last = close;
    }
    return bars;
  }

  private static Bars empty(int n) {
    return new Bars(new long[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
  }

  /** Apple's 2013 daily bars from ta4j-examples (see fixtures/README.md). */
  static Bars apple() {
    return csv("/fixtures/appleinc_bars_from_20130101_usd.csv");
  }

  static Bars csv(String resource) {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        Series.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          rows.add(line.split(","));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int n = rows.size();
    Bars bars = empty(n);
    for (int i = 0; i < n; i++) {
      String[] row = rows.get(i);
      bars.ts()[i] = LocalDate.parse(row[0]).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      bars.open()[i] = Double.parseDouble(row[1]);
      bars.high()[i] = Double.parseDouble(row[2]);
      bars.low()[i] = Double.parseDouble(row[3]);
      bars.close()[i] = Double.parseDouble(row[4]);
      bars.volume()[i] = Double.parseDouble(row[5]);
    }
    return bars;
  }
}
