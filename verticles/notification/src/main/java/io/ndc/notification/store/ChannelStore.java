package io.ndc.notification.store;

import io.ndc.contract.Page;
import io.ndc.contract.notify.ChannelSpec;
import io.ndc.platform.security.SecretBox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@code notify.channels}: webhook and e-mail channels; a webhook's {@code whsec_} secret is sealed at rest. */
public final class ChannelStore {
  public static final String SECRET_PURPOSE = "notify.channel.secret";
  private static final String COLUMNS = "id, user_id, type, name, target, secret_sealed, created_at";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Pool pg;
  private final SecretBox box;

  public ChannelStore(Pool pg, SecretBox box) {
    this.pg = pg;
    this.box = box;
  }

  /** A channel a worker delivers to: its target and, for webhooks, the opened secret. */
  public record Target(UUID id, String userId, String type, String target, String secret) {
  }

  /** Creates the channel; the reply carries the webhook's secret, the only time it is shown. */
  public Future<JsonObject> create(String userId, ChannelSpec spec) {
    UUID id = UUID.randomUUID();
    String secret = ChannelSpec.WEBHOOK.equals(spec.type()) ? newSecret() : null;
    return pg.preparedQuery("INSERT INTO channels (id, user_id, type, name, target, secret_sealed) VALUES ($1, $2, $3, $4, $5, $6)"
            + " RETURNING " + COLUMNS)
        .execute(Tuple.of(id, userId, spec.type(), spec.name(), spec.target(), secret == null ? null : box.sealText(secret, SECRET_PURPOSE)))
        .map(rows -> {
          JsonObject channel = toJson(rows.iterator().next());
          return secret == null ? channel : channel.put("secret", secret);
        });
  }

  /** The caller's channels (everyone's for admin), the implicit {@code push} first. */
  public Future<JsonObject> list(String scope, Page page) {
    return Sql.page(pg, "channels", COLUMNS, scope, page, ChannelStore::toJson).map(reply -> {
      JsonObject pagination = reply.getJsonObject("pagination");
      long total = pagination.getLong("total") + 1;
      if (page.page() == 1) {
        reply.put("items", new JsonArray().add(push()).addAll(reply.getJsonArray("items")));
      }
      return page.reply(reply.getJsonArray("items"), total);
    });
  }

  /** Of {@code ids}, those that are not channels of {@code userId} ({@code push} is everyone's). */
  public Future<List<String>> notOwned(String userId, List<String> ids) {
    List<UUID> uuids = ids.stream().filter(id -> !ChannelSpec.PUSH.equals(id)).map(UUID::fromString).toList();
    if (uuids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return pg.preparedQuery("SELECT id FROM channels WHERE id = ANY($1) AND user_id = $2")
        .execute(Tuple.of(uuids.toArray(UUID[]::new), userId))
        .map(rows -> {
          Set<String> owned = java.util.stream.StreamSupport.stream(rows.spliterator(), false)
              .map(r -> r.getUUID("id").toString()).collect(Collectors.toSet());
          return ids.stream().filter(id -> !ChannelSpec.PUSH.equals(id) && !owned.contains(id)).toList();
        });
  }

  public Future<Target> target(UUID id) {
    return pg.preparedQuery("SELECT " + COLUMNS + " FROM channels WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> Sql.first(rows, row -> new Target(row.getUUID("id"), row.getString("user_id"), row.getString("type"),
            row.getString("target"), row.getString("secret_sealed") == null ? null
                : box.openText(row.getString("secret_sealed"), SECRET_PURPOSE))));
  }

  static JsonObject push() {
    return new JsonObject().put("id", ChannelSpec.PUSH).put("type", ChannelSpec.PUSH).put("name", "WebSocket push");
  }

  static JsonObject toJson(Row row) {
    String type = row.getString("type");
    return new JsonObject().put("id", row.getUUID("id").toString()).put("user_id", row.getString("user_id"))
        .put("type", type).put("name", row.getString("name"))
        .put(ChannelSpec.WEBHOOK.equals(type) ? "url" : "address", row.getString("target"))
        .put("created_at", Sql.instant(row, "created_at"));
  }

  /** {@code whsec_} and 32 random bytes in base64, as Standard Webhooks secrets are written. */
  static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
