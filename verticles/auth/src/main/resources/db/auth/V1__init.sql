-- Accounts and access. Secrets are never stored in the clear: passwords and client secrets as Argon2id hashes,
-- refresh tokens, recovery codes and MFA challenges as SHA-256 hashes (they are high-entropy random values),
-- TOTP seeds and signing private keys sealed with AES-GCM under NDC_SECRET_KEY.

CREATE TABLE permissions (
  name text PRIMARY KEY
);

CREATE TABLE roles (
  name text PRIMARY KEY
);

CREATE TABLE role_permissions (
  role text NOT NULL REFERENCES roles (name) ON DELETE CASCADE,
  permission text NOT NULL REFERENCES permissions (name) ON DELETE CASCADE,
  PRIMARY KEY (role, permission)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  email_verified boolean NOT NULL DEFAULT false,
  name text NOT NULL DEFAULT '',
  password_hash text,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  totp_secret bytea,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));

CREATE TABLE user_roles (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL REFERENCES roles (name),
  PRIMARY KEY (user_id, role)
);

CREATE TABLE recovery_codes (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE mfa_challenges (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at timestamptz NOT NULL
);

CREATE TABLE api_clients (
  client_id text PRIMARY KEY,
  name text NOT NULL,
  secret_hash text NOT NULL,
  roles text[] NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_by uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- one family per login; each refresh token is used once and replaced by the next in its family
CREATE TABLE token_families (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoke_reason text
);

CREATE TABLE refresh_tokens (
  token_hash text PRIMARY KEY,
  family_id uuid NOT NULL REFERENCES token_families (id) ON DELETE CASCADE,
  issued_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- access tokens of a session (sid:<id>) or user (user:<id>) issued (issued_ms claim) at or before before_ms are refused until "until"
CREATE TABLE revocations (
  key text PRIMARY KEY,
  before_ms bigint NOT NULL,
  until timestamptz NOT NULL
);

CREATE TABLE signing_keys (
  kid text PRIMARY KEY,
  alg text NOT NULL,
  public_jwk jsonb NOT NULL,
  private_jwk bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  sign_until timestamptz NOT NULL,
  verify_until timestamptz NOT NULL
);

CREATE TABLE oauth2_states (
  state_hash text PRIMARY KEY,
  provider text NOT NULL,
  code_verifier bytea NOT NULL,
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE oauth2_links (
  provider text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, subject)
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  event text NOT NULL,
  actor_id text,
  user_id uuid,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_user ON audit_log (user_id, id DESC);
CREATE INDEX audit_log_event ON audit_log (event, id DESC);
