package io.ndc.analysis.expr;

import io.ndc.analysis.indicators.Bars;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/** The series of the bar itself: {@code open high low close volume}. */
enum Column implements Term.Numeric {
  OPEN(Bars::open),
  HIGH(Bars::high),
  LOW(Bars::low),
  CLOSE(Bars::close),
  VOLUME(Bars::volume);

  private final Function<Bars, double[]> column;

  Column(Function<Bars, double[]> column) {
    this.column = column;
  }

  static Optional<Column> named(String name) {
    return Arrays.stream(values()).filter(c -> c.name().toLowerCase().equals(name)).findFirst();
  }

  @Override
  public int lookback() {
    return 0;
  }

  @Override
  public double[] evaluate(Evaluation evaluation) {
    return column.apply(evaluation.bars());
  }
}
