package io.ndc.collector.source.csv;

import io.ndc.collector.source.Capability;
import io.ndc.collector.source.FetchRequest;
import io.ndc.contract.BarIntervals;
import io.ndc.collector.source.SourceAdapter;
import io.ndc.collector.source.SourceContext;
import io.ndc.collector.source.SourceFailure;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.nio.file.Path;
import io.ndc.platform.config.Settings;

/**
 * CSV from a file or a URL. The source's {@code base_url} is a template: {@code {symbol}}, {@code {symbol_lower}},
 * {@code {from}} and {@code {to}} (yyyyMMdd) are filled per request, e.g. Stooq's
 * {@code https://stooq.com/q/d/l/?s={symbol_lower}.us&i=d&d1={from}&d2={to}} or {@code /data/{symbol}.csv}.
 * Param {@code timezone} (default UTC) reads intraday times that carry no offset. Files are read only under the
 * operator's {@code collector.csv.dir} (default {@code data/csv}), so a source cannot be pointed at any file of
 * the host.
 */
public final class CsvAdapter implements SourceAdapter {
  private final SourceContext context;
  private final String template;

  private final ZoneId zone;
  private final Path dir;

  public CsvAdapter(SourceContext context) {
    this.context = context;
    this.template = context.definition().baseUrl();
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException("a csv source needs base_url: a file path or URL, with {symbol} where the symbol goes");
    }
    this.dir = Path.of(Settings.of(context.config()).string("collector.csv.dir")).toAbsolutePath().normalize();
    if (!remote()) {
      Path sample = file(template.replace("{symbol}", "X").replace("{symbol_lower}", "x").replace("{from}", "20000101").replace("{to}", "20000101"));
      if (!sample.startsWith(dir)) {
        throw new IllegalArgumentException("CSV files are read only under " + dir + " (collector.csv.dir); " + template + " is outside it");
      }
    }
    try {
      this.zone = ZoneId.of(context.definition().params().getString("timezone", "UTC"));
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("unknown timezone " + context.definition().params().getString("timezone"));
    }
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.HISTORY_BARS);
  }

  @Override
  public Future<List<JsonObject>> historyBars(FetchRequest request) {
    String interval = BarIntervals.require(request.interval());
    boolean remote = remote();
    String location = fill(request, remote);
    Future<String> body = remote ? fetch(location) : read(location);
    return body.map(text -> CsvBarParser.parse(text, request.symbol(), !BarIntervals.intraday(interval), request.from(), request.to(), zone));
  }

  private String fill(FetchRequest request, boolean remote) {
    DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
    String symbol = remote ? URLEncoder.encode(request.symbol(), StandardCharsets.UTF_8) : request.symbol();
    return template.replace("{symbol}", symbol)
        .replace("{symbol_lower}", symbol.toLowerCase(Locale.ROOT))
        .replace("{from}", request.from().format(basic))
        .replace("{to}", request.to().format(basic));
  }

  private Future<String> fetch(String url) {
    return context.http().get(url, Map.of(), Map.of("Accept", "text/csv")).map(response -> {
      if (response.statusCode() != 200) {
        throw SourceFailure.rejected("the CSV URL answered HTTP " + response.statusCode());
      }
      return response.bodyAsString();
    });
  }

  private boolean remote() {
    return template.startsWith("http://") || template.startsWith("https://");
  }

  /** A file location resolved against the CSV directory, normalised (so {@code ..} cannot leave it). */
  private Path file(String location) {
    String path = location.startsWith("file:") ? java.net.URI.create(location).getPath() : location;
    return dir.resolve(path).toAbsolutePath().normalize();
  }

  private Future<String> read(String location) {
    Path path = file(location);
    if (!path.startsWith(dir)) {
      return Future.failedFuture(SourceFailure.rejected("CSV files are read only under " + dir));
    }
    return context.vertx().fileSystem().readFile(path.toString())
        .map(buffer -> buffer.toString(StandardCharsets.UTF_8))
        .recover(e -> Future.failedFuture(SourceFailure.rejected("cannot read CSV file " + path + ": " + e.getMessage())));
  }
}
