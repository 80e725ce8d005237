package io.ndc.contract;

/** The error codes of the REST envelope and of bus failures, each with the HTTP status it usually travels with. */
public enum ErrorCode {
  VALIDATION_ERROR(400),
  AUTHENTICATION_ERROR(401),
  AUTHORIZATION_ERROR(403),
  RESOURCE_NOT_FOUND(404),
  CONFLICT(409),
  PAYLOAD_TOO_LARGE(413),
  RATE_LIMIT_EXCEEDED(429),
  INTERNAL_SERVER_ERROR(500),
  SERVICE_UNAVAILABLE(503),
  UPSTREAM_TIMEOUT(504);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The code for a status that arrived without one (e.g. from a foreign handler). */
  public static ErrorCode forStatus(int status) {
    for (ErrorCode code : values()) {
      if (code.status == status) {
        return code;
      }
    }
    if (status == 422) {
      return VALIDATION_ERROR;
    }
    return status >= 500 ? INTERNAL_SERVER_ERROR : VALIDATION_ERROR;
  }
}
