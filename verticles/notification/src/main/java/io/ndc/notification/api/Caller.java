package io.ndc.notification.api;

import io.ndc.contract.ErrorCode;
import io.ndc.contract.Failure;
import io.ndc.contract.auth.Roles;
import io.ndc.platform.bus.BusRequest;

/**
 * Who asked: every resource belongs to its user; {@code admin} sees and edits everyone's. {@link #scope()} is the
 * user filter of a query ({@code null} for admin).
 */
public record Caller(String userId, boolean admin) {

  public static Caller of(BusRequest request) {
    if (request.userId() == null || request.userId().isBlank()) {
      throw new Failure(ErrorCode.AUTHENTICATION_ERROR, "notifications need a signed-in user");
    }
    return new Caller(request.userId(), request.roles().contains(Roles.ADMIN));
  }

  public String scope() {
    return admin ? null : userId;
  }
}
