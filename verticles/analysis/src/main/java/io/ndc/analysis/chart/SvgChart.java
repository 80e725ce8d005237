package io.ndc.analysis.chart;

import io.ndc.analysis.indicators.Bars;
import java.util.Locale;
import java.util.Map;

/**
 * A chart as hand-written SVG: title, candlesticks with the overlays on the price panel, a volume panel, one pane
 * per oscillator, value labels on each panel's left axis and dates along the bottom. Text is XML-escaped.
 */
public final class SvgChart {
  private static final String[] PALETTE = {"#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
      "#7f7f7f"};
  private static final String UP = "#26a69a";
  private static final String DOWN = "#ef5350";
  private static final int LEFT = 64;
  private static final int RIGHT = 12;
  private static final int TITLE = 26;
  private static final int AXIS = 22;
  private static final int GAP = 6;

  private final Chart chart;
  private final int width;
  private final int height;
  private final StringBuilder svg = new StringBuilder(16_384);
  private int colour;

  private SvgChart(Chart chart, int width, int height) {
    this.chart = chart;
    this.width = width;
    this.height = height;
  }

  public static String render(Chart chart, int width, int height) {
    return new SvgChart(chart, width, height).draw();
  }

  private record Panel(double top, double height, double lo, double hi) {
    double y(double v) {
      return top + height - (v - lo) / (hi - lo) * height;
    }
  }

  private String draw() {
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    text(LEFT, 17, escape(chart.symbol() + " · " + chart.interval().id()), "start", "font-size=\"14\" font-weight=\"bold\"");
    int panes = chart.panes().size();
    double free = height - TITLE - AXIS - GAP * (panes + 1);
    double priceHeight = free * (panes == 0 ? 0.78 : 0.55);
    double volumeHeight = free * (panes == 0 ? 0.22 : 0.15);
    double paneHeight = panes == 0 ? 0 : (free - priceHeight - volumeHeight) / panes;
    Bars bars = chart.bars();
    double top = TITLE;
    double[] price = Chart.extent(Chart.with(Chart.lines(chart.overlays()), bars.high(), bars.low()));
    Panel pricePanel = new Panel(top, priceHeight, price[0], price[1]);
    frame(pricePanel, "price");
    candles(pricePanel);
    legendTop = pricePanel.top() + 12;
    chart.overlays().forEach((key, lines) -> lines(pricePanel, key, lines));
    top += priceHeight + GAP;
    double[] volume = Chart.extent(bars.volume());
    Panel volumePanel = new Panel(top, volumeHeight, 0, Math.max(volume[1], 1));
    frame(volumePanel, "volume");
    volumeBars(volumePanel);
    top += volumeHeight + GAP;
    for (Map.Entry<String, Map<String, double[]>> pane : chart.panes().entrySet()) {
      double[] extent = Chart.extent(pane.getValue().values().toArray(double[][]::new));
      Panel panel = new Panel(top, paneHeight, extent[0], extent[1]);
      frame(panel, pane.getKey());
      legendTop = panel.top() + 12;
      lines(panel, pane.getKey(), pane.getValue());
      top += paneHeight + GAP;
    }
    dates(top);
    return svg.append("</svg>\n").toString();
  }

  private double legendTop;

  private double plotWidth() {
    return width - LEFT - RIGHT;
  }

  private double x(int i) {
    return LEFT + (i + 0.5) * plotWidth() / Math.max(1, chart.size());
  }

  private void frame(Panel panel, String name) {
    svg.append("<g class=\"panel\" data-name=\"").append(escape(name)).append("\">");
    svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(f(panel.top())).append("\" width=\"")
        .append(f(plotWidth())).append("\" height=\"").append(f(panel.height()))
        .append("\" fill=\"none\" stroke=\"#cccccc\"/>");
    for (int t = 0; t <= 3; t++) {
      double v = panel.lo() + (panel.hi() - panel.lo()) * t / 3;
      double y = panel.y(v);
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(f(LEFT + plotWidth())).append("\" y1=\"")
          .append(f(y)).append("\" y2=\"").append(f(y)).append("\" stroke=\"#eeeeee\"/>");
      text(LEFT - 4, y + 4, label(v), "end", "fill=\"#555555\"");
    }
    svg.append("</g>\n");
  }

  private void candles(Panel panel) {
    Bars bars = chart.bars();
    double body = Math.max(1, plotWidth() / Math.max(1, chart.size()) * 0.7);
    svg.append("<g class=\"candles\">");
    for (int i = 0; i < chart.size(); i++) {
      double open = bars.open()[i];
      double close = bars.close()[i];
      if (!Double.isFinite(open) || !Double.isFinite(close)) {
        continue;
      }
      String colourOf = close >= open ? UP : DOWN;
      double x = x(i);
      svg.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"")
          .append(f(panel.y(bars.high()[i]))).append("\" y2=\"").append(f(panel.y(bars.low()[i])))
          .append("\" stroke=\"").append(colourOf).append("\"/>");
      double yTop = panel.y(Math.max(open, close));
      svg.append("<rect x=\"").append(f(x - body / 2)).append("\" y=\"").append(f(yTop)).append("\" width=\"")
          .append(f(body)).append("\" height=\"").append(f(Math.max(1, panel.y(Math.min(open, close)) - yTop)))
          .append("\" fill=\"").append(colourOf).append("\"><title>").append(escape(chart.date(i))).append(" O ")
          .append(label(open)).append(" C ").append(label(close)).append("</title></rect>");
    }
    svg.append("</g>\n");
  }

  private void volumeBars(Panel panel) {
    Bars bars = chart.bars();
    double body = Math.max(1, plotWidth() / Math.max(1, chart.size()) * 0.7);
    svg.append("<g class=\"volume\">");
    for (int i = 0; i < chart.size(); i++) {
      double v = bars.volume()[i];
      if (!Double.isFinite(v)) {
        continue;
      }
      double y = panel.y(v);
      svg.append("<rect x=\"").append(f(x(i) - body / 2)).append("\" y=\"").append(f(y)).append("\" width=\"")
          .append(f(body)).append("\" height=\"").append(f(panel.top() + panel.height() - y))
          .append("\" fill=\"").append(bars.close()[i] >= bars.open()[i] ? UP : DOWN).append("\" opacity=\"0.6\"/>");
    }
    svg.append("</g>\n");
  }

  /** Each line as a path, broken where it has no value; its name in the panel's legend. */
  private void lines(Panel panel, String key, Map<String, double[]> lines) {
    for (Map.Entry<String, double[]> line : lines.entrySet()) {
      String name = line.getKey().equals("value") ? key : key + "." + line.getKey();
      String stroke = PALETTE[colour++ % PALETTE.length];
      StringBuilder d = new StringBuilder();
      boolean pen = false;
      double[] values = line.getValue();
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i])) {
          pen = false;
          continue;
        }
        d.append(pen ? 'L' : 'M').append(f(x(i))).append(' ').append(f(panel.y(values[i])));
        pen = true;
      }
      svg.append("<path class=\"line\" data-name=\"").append(escape(name)).append("\" d=\"").append(d)
          .append("\" fill=\"none\" stroke=\"").append(stroke).append("\" stroke-width=\"1.3\"/>");
      text(LEFT + 6, legendTop, escape(name), "start", "fill=\"" + stroke + "\"");
      legendTop += 13;
    }
    svg.append('\n');
  }

  private void dates(double top) {
    int n = chart.size();
    int labels = Math.min(n, Math.max(2, (int) (plotWidth() / 110)));
    svg.append("<g class=\"dates\">");
    for (int k = 0; k < labels; k++) {
      int i = labels == 1 ? 0 : (int) Math.round((double) k * (n - 1) / (labels - 1));
      String date = chart.date(i);
      text(x(i), top + 12, escape(chart.interval().intraday() ? date.substring(0, Math.min(16, date.length())) : date),
          k == 0 ? "start" : k == labels - 1 ? "end" : "middle", "fill=\"#555555\"");
    }
    svg.append("</g>\n");
  }

  private void text(double x, double y, String escaped, String anchor, String attributes) {
    svg.append("<text x=\"").append(f(x)).append("\" y=\"").append(f(y)).append("\" text-anchor=\"").append(anchor)
        .append("\" ").append(attributes).append('>').append(escaped).append("</text>");
  }

  private static String label(double v) {
    double abs = Math.abs(v);
    if (abs >= 1e9) {
      return String.format(Locale.ROOT, "%.2fB", v / 1e9);
    }
    if (abs >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", v / 1e6);
    }
    return String.format(Locale.ROOT, abs >= 100 ? "%.1f" : "%.2f", v);
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c < 0x20 && c != '\t' ? ' ' : c);
      }
    }
    return out.toString();
  }
}
