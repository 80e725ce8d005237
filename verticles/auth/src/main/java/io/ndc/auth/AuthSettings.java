package io.ndc.auth;

import io.ndc.platform.config.Settings;
import io.vertx.core.json.JsonObject;

/**
 * The auth service's settings ({@code auth.*}, conf/default.json and docs/security.md), read once at start.
 *
 * @param adminPassword the first admin's password, null to generate one (printed once)
 * @param oauth2Providers provider name to its settings ({@code auth.oauth2.providers})
 */
public record AuthSettings(String issuer, String audience, int accessTtlSeconds, long refreshTtlSeconds,
    long keyRotationSeconds, int throttleMaxFailures, int throttleWindowSeconds, String redisPrefix,
    String totpIssuer, String adminEmail, String adminPassword, JsonObject oauth2Providers) {

  public static AuthSettings from(JsonObject config) {
    Settings settings = Settings.of(config);
    return new AuthSettings(settings.string("auth.jwt.issuer"), settings.string("auth.jwt.audience"),
        settings.integer("auth.jwt.access_ttl_s"), settings.longValue("auth.jwt.refresh_ttl_s"),
        settings.longValue("auth.jwt.key_rotation_s"), settings.integer("auth.login_throttle.max_failures"),
        settings.integer("auth.login_throttle.window_s"), settings.string("redis_prefix"),
        settings.string("auth.totp.issuer"), settings.string("auth.admin.email"),
        settings.optionalString("auth.admin.password"), settings.object("auth.oauth2.providers"));
  }
}
