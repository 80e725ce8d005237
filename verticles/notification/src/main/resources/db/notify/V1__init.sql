-- Channels a user made (webhook, email); push is implicit. A webhook's whsec_ secret is sealed (SecretBox).
CREATE TABLE channels (
  id            uuid PRIMARY KEY,
  user_id       text NOT NULL,
  type          text NOT NULL CHECK (type IN ('webhook', 'email')),
  name          text NOT NULL,
  target        text NOT NULL,
  secret_sealed text,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX channels_user ON channels (user_id);

-- Users' templates per rule type and channel type (built-in defaults live in code).
CREATE TABLE templates (
  id         uuid PRIMARY KEY,
  user_id    text NOT NULL,
  type       text NOT NULL,
  channel    text NOT NULL,
  subject    text,
  body       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX templates_user ON templates (user_id);

-- Alert rules. state: active, triggered (a fired once-rule), expired, paused (enabled = false).
CREATE TABLE rules (
  id                uuid PRIMARY KEY,
  user_id           text NOT NULL,
  name              text NOT NULL,
  type              text NOT NULL,
  symbol            text,
  condition         jsonb NOT NULL,
  mode              text NOT NULL CHECK (mode IN ('once', 'every')),
  cooldown_s        bigint NOT NULL DEFAULT 0,
  expires_at        timestamptz,
  channels          jsonb NOT NULL DEFAULT '[]',
  template_id       uuid REFERENCES templates (id) ON DELETE SET NULL,
  enabled           boolean NOT NULL DEFAULT true,
  fired             boolean NOT NULL DEFAULT false,
  last_triggered_at timestamptz,
  trigger_count     bigint NOT NULL DEFAULT 0,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX rules_user ON rules (user_id);
CREATE INDEX rules_live ON rules (symbol) WHERE enabled AND NOT fired;

CREATE TABLE subscriptions (
  id         uuid PRIMARY KEY,
  user_id    text NOT NULL,
  topic      text NOT NULL,
  channels   jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscriptions_user ON subscriptions (user_id, topic);

-- A fired rule. The id is deterministic (rule, symbol, the trade or bar that fired it): a second evaluation of the same
-- event, on this node or after a takeover, finds the row and fires nothing.
CREATE TABLE triggers (
  id         text PRIMARY KEY,
  rule_id    uuid NOT NULL REFERENCES rules (id) ON DELETE CASCADE,
  user_id    text NOT NULL,
  symbol     text,
  value      double precision,
  message    text NOT NULL,
  ts         timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One delivery per trigger and channel; its key (the id) is the webhook-id of every attempt.
CREATE TABLE deliveries (
  id           uuid PRIMARY KEY,
  trigger_id   text NOT NULL REFERENCES triggers (id) ON DELETE CASCADE,
  rule_id      uuid NOT NULL,
  user_id      text NOT NULL,
  channel_id   text NOT NULL,
  channel_type text NOT NULL,
  status       text NOT NULL CHECK (status IN ('pending', 'delivered', 'retrying', 'dead')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (trigger_id, channel_id)
);
CREATE INDEX deliveries_rule ON deliveries (rule_id, created_at);

CREATE TABLE delivery_attempts (
  delivery_id uuid NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
  n           integer NOT NULL,
  at          timestamptz NOT NULL,
  status_code integer,
  error       text,
  duration_ms bigint NOT NULL,
  PRIMARY KEY (delivery_id, n)
);
