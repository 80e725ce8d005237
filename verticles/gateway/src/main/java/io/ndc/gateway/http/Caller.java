package io.ndc.gateway.http;

import java.util.List;

/** Who is calling: the request id always, the user and roles once a token has been verified. */
public record Caller(String requestId, String userId, List<String> roles) {
  public static Caller anonymous(String requestId) {
    return new Caller(requestId, null, List.of());
  }
}
