package io.ndc.gateway.http;

import io.vertx.core.http.HttpMethod;
import java.util.List;

/**
 * One row of the route table: an HTTP route, the permission a caller needs, the bus address that serves it and
 * how the HTTP request becomes the bus request. Adding an endpoint is adding a row.
 *
 * @param path Vert.x path with {@code :param} placeholders, under {@code /api/v1} unless absolute; a segment may end
 *     in a custom verb after a colon ({@code /prices:batch}, {@code /batches/:id:rollback}), served by a regex route
 * @param permission the permission the caller's roles must grant; {@link Permissions#PUBLIC} for open routes
 * @param consumes request media type for routes with a body (null: no body)
 * @param query documented query parameters (names; all optional unless listed in {@code requiredQuery})
 * @param redirectField for a browser (its request accepts {@code text/html}), answer 302 to this field of the reply
 *     instead of the JSON; null: always JSON
 * @param rawType the media type of the non-JSON replies ({@link io.ndc.contract.RawContent}) the route may give, written
 *     as they are instead of in the envelope (e.g. {@code image/svg+xml}); null: always the JSON envelope
 */
public record RouteSpec(
    HttpMethod method,
    String path,
    String permission,
    String address,
    RequestMapper mapper,
    int successStatus,
    String consumes,
    String tag,
    String summary,
    List<String> query,
    List<String> requiredQuery,
    String redirectField,
    String rawType) {

  public static Builder route(HttpMethod method, String path) {
    return new Builder(method, path);
  }

  /** The full path the router serves. */
  public String fullPath() {
    // well-known documents (JWKS) live at the root by convention, everything else under the API prefix
    return wellKnown() ? path : Gateway.API_PREFIX + path;
  }

  /** A {@code /.well-known} document: served at the root and as its standard says, without the envelope. */
  public boolean wellKnown() {
    return path.startsWith("/.");
  }

  /** Path parameter names in order of appearance. */
  public List<String> pathParams() {
    return java.util.Arrays.stream(path.split("/")).filter(s -> s.startsWith(":"))
        .map(s -> s.substring(1).split(":", 2)[0]).toList();
  }

  /**
   * Whether a segment carries a custom verb after a colon ({@code prices:batch}, {@code :id:rollback}). The Vert.x
   * router reads every colon as the start of a parameter, so such rows are routed by {@link #pathRegex()}.
   */
  public boolean hasCustomVerb() {
    return java.util.Arrays.stream(path.split("/")).anyMatch(s -> s.indexOf(':', 1) >= 0);
  }

  /** The full path as a regex: parameters become named groups (one segment, no colon), the rest is literal. */
  public String pathRegex() {
    String marker = "\u0000";
    String withMarkers = fullPath(name -> marker + name + marker);
    StringBuilder regex = new StringBuilder();
    String[] parts = withMarkers.split(marker, -1);
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 1) {
        regex.append("(?<").append(parts[i]).append(">[^/:]+)");
      } else if (!parts[i].isEmpty()) {
        regex.append(java.util.regex.Pattern.quote(parts[i]));
      }
    }
    return regex.toString();
  }

  /**
   * The full path with each parameter replaced by {@code value} of its name; custom verbs ({@code :rollback}) stay.
   * {@code name -> "{" + name + "}"} gives the OpenAPI form.
   */
  public String fullPath(java.util.function.Function<String, String> value) {
    String[] segments = fullPath().split("/", -1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      out.append(i == 0 ? "" : "/");
      if (segment.startsWith(":")) {
        String[] parts = segment.substring(1).split(":", 2);
        out.append(value.apply(parts[0])).append(parts.length == 2 ? ":" + parts[1] : "");
      } else {
        out.append(segment);
      }
    }
    return out.toString();
  }

  /** Fluent construction so each row reads as one line of intent. */
  public static final class Builder {
    private final HttpMethod method;
    private final String path;
    private String permission;
    private String address;
    private RequestMapper mapper = RequestMapper.standard();
    private int successStatus = 200;
    private String consumes;
    private String tag = "system";
    private String summary = "";
    private List<String> query = List.of();
    private List<String> requiredQuery = List.of();
    private String redirectField;
    private String rawType;

    private Builder(HttpMethod method, String path) {
      this.method = method;
      this.path = path;
    }

    public Builder permission(String value) {
      permission = value;
      return this;
    }

    public Builder address(String value) {
      address = value;
      return this;
    }

    public Builder mapper(RequestMapper value) {
      mapper = value;
      return this;
    }

    public Builder status(int value) {
      successStatus = value;
      return this;
    }

    public Builder json() {
      consumes = "application/json";
      return this;
    }

    public Builder consumes(String value) {
      consumes = value;
      return this;
    }

    public Builder doc(String tagName, String text) {
      tag = tagName;
      summary = text;
      return this;
    }

    public Builder query(String... names) {
      query = List.of(names);
      return this;
    }

    public Builder requiredQuery(String... names) {
      requiredQuery = List.of(names);
      return this;
    }

    public Builder browserRedirectTo(String replyField) {
      redirectField = replyField;
      return this;
    }

    /** The route may answer a {@link io.ndc.contract.RawContent} of {@code mediaType}, written without the envelope. */
    public Builder rawReply(String mediaType) {
      rawType = mediaType;
      return this;
    }

    public RouteSpec build() {
      if (permission == null || address == null) {
        throw new IllegalStateException("route " + method + " " + path + " needs a permission and an address");
      }
      return new RouteSpec(method, path, permission, address, mapper, successStatus, consumes, tag, summary, query, requiredQuery,
          redirectField, rawType);
    }
  }
}
