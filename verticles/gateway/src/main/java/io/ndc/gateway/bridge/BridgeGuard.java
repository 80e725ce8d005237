package io.ndc.gateway.bridge;

import io.ndc.contract.BusHeaders;
import io.ndc.contract.MarketAddresses;
import io.ndc.contract.Symbols;
import io.ndc.contract.storage.StorageAddresses;
import io.ndc.gateway.http.Caller;
import io.ndc.gateway.http.Permissions;
import io.ndc.gateway.http.RequestIds;
import io.ndc.gateway.security.AccessPolicy;
import io.ndc.gateway.security.TokenVerifier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.bridge.BaseBridgeEvent;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one access policy of the SockJS and TCP event-bus bridges. A client proves who it is with an access token in
 * the headers of a message ({@code Authorization: Bearer ...} or {@code access_token}); the caller is then
 * remembered for that socket. Outbound it may register for {@code ndc.market.*} publications ({@code *} symbols only
 * with stream:all); inbound it may send to a short list of read-only query addresses, each with its permission. It
 * may never publish. Everything else is refused and logged. Vert.x calls this before its own permitted-address
 * checks, which repeat the same address lists as a second lock.
 */
public final class BridgeGuard {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeGuard.class);
  /** Read-only request addresses open to bridge clients, and the permission each needs. */
  static final Map<String, String> INBOUND = Map.of(
      StorageAddresses.BARS_QUERY, Permissions.STOCKS_READ,
      StorageAddresses.TRADES_QUERY, Permissions.STOCKS_READ,
      StorageAddresses.TRENDS_QUERY, Permissions.STOCKS_READ,
      StorageAddresses.FINANCIALS_QUERY, Permissions.STOCKS_READ,
      StorageAddresses.INSTRUMENTS_LIST, Permissions.STOCKS_READ,
      StorageAddresses.INSTRUMENT_GET, Permissions.STOCKS_READ);
  /** A trade or bar publication of one symbol ({@link Symbols}) or of every symbol. */
  private static final String OUTBOUND_REGEX = "ndc\\.market\\.(trade|bar\\.[0-9a-z]+)\\.(" + Symbols.REGEX + "|\\*)";
  static final Pattern OUTBOUND = Pattern.compile(OUTBOUND_REGEX);

  private final TokenVerifier verifier;
  private final String bridgeName;
  private final Map<Object, Caller> callers = new HashMap<>();

  public BridgeGuard(TokenVerifier verifier, String bridgeName) {
    this.verifier = verifier;
    this.bridgeName = bridgeName;
  }

  /** The same address lists for Vert.x's own permission check. */
  public static <T extends BridgeOptions> T permitted(T options) {
    INBOUND.keySet().forEach(address -> options.addInboundPermitted(new PermittedOptions().setAddress(address)));
    options.addOutboundPermitted(new PermittedOptions().setAddressRegex(OUTBOUND_REGEX));
    return options;
  }

  public void handle(BaseBridgeEvent event, Object socket) {
    switch (event.type()) {
      case SOCKET_CLOSED -> {
        callers.remove(socket);
        event.complete(true);
      }
      case SEND -> authorize(event, socket, INBOUND.get(address(event)), true);
      case REGISTER -> authorize(event, socket, outboundPermission(address(event)), false);
      case PUBLISH -> deny(event, socket, "publishing is not allowed over the bridge");
      default -> event.complete(true);
    }
  }

  private static String address(BaseBridgeEvent event) {
    JsonObject raw = event.getRawMessage();
    return raw == null ? null : raw.getString("address");
  }

  private static String outboundPermission(String address) {
    if (address == null || !OUTBOUND.matcher(address).matches()) {
      return null;
    }
    return address.endsWith("." + MarketAddresses.ALL_SYMBOLS) ? Permissions.STREAM_ALL : Permissions.STREAM_READ;
  }

  private void authorize(BaseBridgeEvent event, Object socket, String permission, boolean forwardIdentity) {
    if (permission == null) {
      deny(event, socket, "address " + address(event) + " is not open on the bridge");
      return;
    }
    caller(event, socket).onComplete(caller -> {
      if (!AccessPolicy.allows(caller, permission)) {
        deny(event, socket, "the caller's roles do not grant " + permission + " for " + address(event));
        return;
      }
      if (forwardIdentity) {
        JsonObject raw = event.getRawMessage();
        JsonObject headers = raw.getJsonObject("headers", new JsonObject());
        headers.remove("Authorization");
        headers.remove("access_token");
        headers.put(BusHeaders.USER_ID, caller.userId()).put(BusHeaders.ROLES, String.join(",", caller.roles()))
            .put(BusHeaders.REQUEST_ID, RequestIds.next());
        event.setRawMessage(raw.put("headers", headers));
      }
      event.complete(true);
    }, failure -> deny(event, socket, "not authenticated: " + failure.getMessage()));
  }

  /** The caller named by a token in this message, else the one remembered for the socket. */
  private Future<Caller> caller(BaseBridgeEvent event, Object socket) {
    JsonObject headers = event.getRawMessage().getJsonObject("headers");
    String token = headers == null ? null : token(headers);
    if (token != null) {
      return verifier.verify(token).onSuccess(c -> callers.put(socket, c));
    }
    Caller known = callers.get(socket);
    return known != null ? Future.succeededFuture(known)
        : Future.failedFuture("send an access token in the message headers (Authorization: Bearer ...)");
  }

  private static String token(JsonObject headers) {
    Object bearer = headers.getValue("Authorization");
    if (bearer instanceof String b && b.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return b.substring(7).trim();
    }
    return headers.getValue("access_token") instanceof String t ? t : null;
  }

  private void deny(BaseBridgeEvent event, Object socket, String reason) {
    Caller caller = callers.get(socket);
    LOG.warn("{} bridge refused {} {} for {}: {}", bridgeName, event.type(), address(event),
        caller == null ? "an unauthenticated client" : "user " + caller.userId(), reason);
    event.complete(false);
  }
}
