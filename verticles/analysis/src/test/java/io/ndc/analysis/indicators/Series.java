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
    long[] ts = new long[n];
    double[] open = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] close = new double[n];
    double[] volume = new double[n];
    double last = 100;
    for (int i = 0; i < n; i++) {
      ts[i] = 1_600_000_000_000L / DAY * DAY + i * DAY;
      open[i] = last * (1 + random.nextGaussian() * 0.005);
      close[i] = open[i] * (1 + random.nextGaussian() * 0.02);
      high[i] = Math.max(open[i], close[i]) * (1 + Math.abs(random.nextGaussian()) * 0.01);
      low[i] = Math.min(open[i], close[i]) * (1 - Math.abs(random.nextGaussian()) * 0.01);
      volume[i] = 1000 + random.nextInt(100_000);
      last = close[i];
    }
    return new Bars(ts, open, high, low, close, volume);
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
    Bars bars = new Bars(new long[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
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
