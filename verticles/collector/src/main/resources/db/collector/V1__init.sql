-- Data sources: adapter type, endpoint, sealed API key (SecretBox, never returned), quota, adapter parameters,
-- and the live status other nodes read in GET /sources.
CREATE TABLE sources (
  id               text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
  type             text NOT NULL,
  base_url         text,
  api_key_sealed   text,
  quota_per_minute integer NOT NULL CHECK (quota_per_minute > 0),
  params           jsonb NOT NULL DEFAULT '{}',
  last_message_at  timestamptz,
  reconnects       bigint NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE collectors (
  id          uuid PRIMARY KEY,
  source_id   text NOT NULL REFERENCES sources (id),
  dataset     text NOT NULL CHECK (dataset IN ('bars', 'trades', 'trading_trends', 'financials', 'instruments')),
  symbols     text[] NOT NULL,
  interval    text,
  start_date  date,
  end_date    date,
  live        boolean NOT NULL DEFAULT false,
  params      jsonb NOT NULL DEFAULT '{}',
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX collectors_live ON collectors (live) WHERE live;

CREATE TABLE jobs (
  id           uuid PRIMARY KEY,
  collector_id uuid NOT NULL REFERENCES collectors (id) ON DELETE CASCADE,
  trigger      text NOT NULL,
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'retrying', 'succeeded', 'dead')),
  attempts     integer NOT NULL DEFAULT 0,
  accepted     bigint NOT NULL DEFAULT 0,
  unchanged    bigint NOT NULL DEFAULT 0,
  revised      bigint NOT NULL DEFAULT 0,
  rejected     bigint NOT NULL DEFAULT 0,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_by_collector ON jobs (collector_id, created_at DESC);
CREATE INDEX jobs_by_status ON jobs (status, created_at DESC);

CREATE TABLE schedules (
  id            uuid PRIMARY KEY,
  collector_id  uuid NOT NULL REFERENCES collectors (id) ON DELETE CASCADE,
  cron          text NOT NULL,
  timezone      text NOT NULL DEFAULT 'UTC',
  next_fire_at  timestamptz NOT NULL,
  last_fired_at timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX schedules_due ON schedules (next_fire_at);

-- What happened to live feeds: ownership, drops, reconnects, detected gaps and their repair.
CREATE TABLE feed_events (
  id           bigserial PRIMARY KEY,
  collector_id uuid NOT NULL REFERENCES collectors (id) ON DELETE CASCADE,
  kind         text NOT NULL,
  node         text,
  details      jsonb NOT NULL DEFAULT '{}',
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX feed_events_by_collector ON feed_events (collector_id, at DESC);
