package io.ndc.auth;

import io.ndc.auth.crypto.Tokens;
import io.ndc.auth.crypto.Totp;
import io.ndc.auth.store.Account;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

/** Checks a second factor: a TOTP code (each time step accepted once) or a single-use recovery code. */
public final class SecondFactor {
  public static final int RECOVERY_CODES = 10;
  private final AuthContext auth;

  public SecondFactor(AuthContext auth) {
    this.auth = auth;
  }

  public String seed(Account account) {
    return auth.box.openString(account.totpSecret(), seedContext(account.id()));
  }

  public static String seedContext(String userId) {
    return "totp:" + userId;
  }

  public Future<Boolean> accept(Account account, String code) {
    if (account.totpSecret() == null) {
      return Future.succeededFuture(false);
    }
    String trimmed = code.replace(" ", "");
    if (trimmed.matches("\\d{" + Totp.DIGITS + "}")) {
      return acceptTotp(account, trimmed);
    }
    return auth.pg.preparedQuery("UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL")
        .execute(Tuple.of(UUID.fromString(account.id()), recoveryHash(account.id(), trimmed)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** A TOTP code only: the step must be newer than the last accepted one (replay refusal). */
  public Future<Boolean> acceptTotp(Account account, String code) {
    OptionalLong step = Totp.matchingStep(seed(account), code, System.currentTimeMillis() / 1000);
    if (step.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return auth.accounts.advanceTotpStep(account.id(), step.getAsLong());
  }

  /** Replaces the user's recovery codes; returns them in the clear once. */
  public Future<List<String>> newRecoveryCodes(String userId) {
    List<String> codes = java.util.stream.Stream.generate(Tokens::recoveryCode).limit(RECOVERY_CODES).toList();
    UUID id = UUID.fromString(userId);
    return auth.pg.withTransaction(conn -> conn.preparedQuery("DELETE FROM recovery_codes WHERE user_id = $1").execute(Tuple.of(id))
        .compose(v -> conn.preparedQuery("INSERT INTO recovery_codes (user_id, code_hash) SELECT $1, unnest($2::text[])")
            .execute(Tuple.tuple().addValue(id).addValue(codes.stream().map(c -> recoveryHash(userId, c)).toArray(String[]::new)))))
        .map(codes);
  }

  private static String recoveryHash(String userId, String code) {
    return Tokens.sha256(userId + ":" + code.toLowerCase(Locale.ROOT));
  }
}
