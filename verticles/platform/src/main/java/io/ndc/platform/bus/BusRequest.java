package io.ndc.platform.bus;

import io.ndc.contract.BusHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/** A bus request as a handler sees it: the JSON body and who asked. */
public record BusRequest(JsonObject body, String requestId, String userId, List<String> roles) {

  public static BusRequest of(JsonObject body, MultiMap headers) {
    String roles = headers.get(BusHeaders.ROLES);
    return new BusRequest(
        body == null ? new JsonObject() : body,
        headers.get(BusHeaders.REQUEST_ID),
        headers.get(BusHeaders.USER_ID),
        roles == null || roles.isBlank() ? List.of() : Arrays.stream(roles.split(",")).map(String::trim).toList());
  }
}
