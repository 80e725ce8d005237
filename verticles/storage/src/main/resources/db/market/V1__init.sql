-- Market data store (SPEC §7). Time series tables are range-partitioned on time; partitions are created on demand
-- by ingest (ensure_partitions) and ahead of time by PartitionMaintenanceVerticle, which also drops intraday
-- partitions past their retention.

CREATE TABLE instruments (
  symbol     text PRIMARY KEY,
  name       text NOT NULL,
  market     text NOT NULL DEFAULT 'OTHER',
  sector     text,
  industry   text,
  currency   text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instruments_market ON instruments (market, symbol);
CREATE INDEX instruments_sector ON instruments (sector, symbol);

CREATE TABLE ingest_batches (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL,                 -- bars, trades, trends, financials, rollback
  source      text NOT NULL,
  interval    text,
  status      text NOT NULL DEFAULT 'committed',   -- committed, rolled_back
  accepted    integer NOT NULL DEFAULT 0,
  unchanged   integer NOT NULL DEFAULT 0,
  revised     integer NOT NULL DEFAULT 0,
  rejected    integer NOT NULL DEFAULT 0,
  symbols     text[] NOT NULL DEFAULT '{}',
  from_ts     timestamptz,
  to_ts       timestamptz,
  rolls_back  bigint REFERENCES ingest_batches (id),
  rolled_back_by bigint REFERENCES ingest_batches (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rejections (
  batch_id  bigint NOT NULL REFERENCES ingest_batches (id),
  row_index integer NOT NULL,
  symbol    text,
  reason    text NOT NULL,
  raw       jsonb NOT NULL,
  PRIMARY KEY (batch_id, row_index)
);

-- bars: list-partitioned by interval, each interval range-partitioned on ts (daily bars by year, intraday by day)
CREATE TABLE bars (
  symbol      text NOT NULL,
  interval    text NOT NULL,
  ts          timestamptz NOT NULL,
  open        double precision NOT NULL,
  high        double precision NOT NULL,
  low         double precision NOT NULL,
  close       double precision NOT NULL,
  volume      double precision,
  adj_close   double precision,
  source      text NOT NULL,
  version     integer NOT NULL DEFAULT 1,
  batch_id    bigint NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (symbol, interval, ts)
) PARTITION BY LIST (interval);
CREATE TABLE bars_daily PARTITION OF bars FOR VALUES IN ('daily') PARTITION BY RANGE (ts);
CREATE TABLE bars_1m PARTITION OF bars FOR VALUES IN ('1m') PARTITION BY RANGE (ts);
CREATE TABLE bars_5m PARTITION OF bars FOR VALUES IN ('5m') PARTITION BY RANGE (ts);
CREATE TABLE bars_15m PARTITION OF bars FOR VALUES IN ('15m') PARTITION BY RANGE (ts);
CREATE TABLE bars_1h PARTITION OF bars FOR VALUES IN ('1h') PARTITION BY RANGE (ts);

-- every replaced or removed bar row, append-only; [recorded_at, replaced_at) is when that row was the known truth
CREATE TABLE bar_versions (
  symbol            text NOT NULL,
  interval          text NOT NULL,
  ts                timestamptz NOT NULL,
  open              double precision NOT NULL,
  high              double precision NOT NULL,
  low               double precision NOT NULL,
  close             double precision NOT NULL,
  volume            double precision,
  adj_close         double precision,
  source            text NOT NULL,
  version           integer NOT NULL,
  batch_id          bigint NOT NULL,
  recorded_at       timestamptz NOT NULL,
  replaced_at       timestamptz NOT NULL,
  replaced_by_batch bigint NOT NULL
);
CREATE INDEX bar_versions_key ON bar_versions (symbol, interval, ts, version);
CREATE INDEX bar_versions_replaced_by ON bar_versions (replaced_by_batch);

-- An update of a bar always replaces a known row: keep the old one. Row-by-row only for revised rows (rare);
-- new and identical rows never reach this trigger.
CREATE FUNCTION archive_replaced_bar() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO bar_versions (symbol, interval, ts, open, high, low, close, volume, adj_close, source, version,
                            batch_id, recorded_at, replaced_at, replaced_by_batch)
  VALUES (OLD.symbol, OLD.interval, OLD.ts, OLD.open, OLD.high, OLD.low, OLD.close, OLD.volume, OLD.adj_close,
          OLD.source, OLD.version, OLD.batch_id, OLD.recorded_at, NEW.recorded_at, NEW.batch_id);
  RETURN NEW;
END $$;
CREATE TRIGGER bars_archive BEFORE UPDATE ON bars FOR EACH ROW EXECUTE FUNCTION archive_replaced_bar();

CREATE TABLE trades (
  symbol      text NOT NULL,
  ts          timestamptz NOT NULL,
  seq         bigint NOT NULL DEFAULT 0,
  price       double precision NOT NULL,
  size        double precision NOT NULL,
  source      text NOT NULL,
  batch_id    bigint NOT NULL,
  PRIMARY KEY (symbol, ts, seq)
) PARTITION BY RANGE (ts);

CREATE TABLE trading_trends (
  symbol        text NOT NULL,
  date          date NOT NULL,
  investor_type text NOT NULL,
  buy_volume    double precision,
  sell_volume   double precision,
  net_volume    double precision,
  buy_value     double precision,
  sell_value    double precision,
  net_value     double precision,
  source        text NOT NULL,
  batch_id      bigint NOT NULL,
  PRIMARY KEY (symbol, date, investor_type)
) PARTITION BY RANGE (date);

CREATE TABLE financials (
  symbol            text NOT NULL,
  year              integer NOT NULL,
  quarter           integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  currency          text,
  revenue           double precision,
  operating_income  double precision,
  net_income        double precision,
  eps               double precision,
  total_assets      double precision,
  total_liabilities double precision,
  total_equity      double precision,
  source            text NOT NULL,
  batch_id          bigint NOT NULL,
  PRIMARY KEY (symbol, year, quarter)
);

-- The partition of a parent table that holds instant/date t: name, bounds. Daily bars and trends by year,
-- everything else by UTC day.
CREATE FUNCTION partition_bounds(parent text, t timestamptz, OUT name text, OUT lo timestamptz, OUT hi timestamptz)
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF parent IN ('bars_daily', 'trading_trends') THEN
    lo := date_trunc('year', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    hi := lo + interval '1 year';
    name := parent || '_y' || to_char(lo AT TIME ZONE 'UTC', 'YYYY');
  ELSE
    lo := date_trunc('day', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC';
    hi := lo + interval '1 day';
    name := parent || '_d' || to_char(lo AT TIME ZONE 'UTC', 'YYYYMMDD');
  END IF;
END $$;

-- Creates every missing partition of parent covering [from_ts, to_ts]; safe under concurrent callers.
-- Returns the names of the partitions that cover the range.
CREATE FUNCTION ensure_partitions(parent text, from_ts timestamptz, to_ts timestamptz) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  b record;
  t timestamptz := from_ts;
  bound_type text := CASE WHEN parent = 'trading_trends' THEN 'date' ELSE 'timestamptz' END;
BEGIN
  LOOP
    b := partition_bounds(parent, t);
    IF to_regclass(b.name) IS NULL THEN
      BEGIN
        EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF %I FOR VALUES FROM (%L::%s) TO (%L::%s)',
                       b.name, parent, b.lo AT TIME ZONE 'UTC', bound_type, b.hi AT TIME ZONE 'UTC', bound_type);
      EXCEPTION WHEN duplicate_table OR unique_violation THEN
        NULL; -- created by a concurrent caller
      END;
    END IF;
    RETURN NEXT b.name;
    EXIT WHEN b.hi > to_ts;
    t := b.hi;
  END LOOP;
END $$;

-- Drops day partitions of parent that end at or before cutoff; returns their names.
CREATE FUNCTION drop_partitions_before(parent text, cutoff timestamptz) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
  part text;
  day date;
BEGIN
  FOR part IN
    SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = parent::regclass AND c.relname ~ '_d[0-9]{8}$'
  LOOP
    day := to_date(right(part, 8), 'YYYYMMDD');
    IF (day + 1)::timestamp AT TIME ZONE 'UTC' <= cutoff THEN
      EXECUTE format('DROP TABLE IF EXISTS %I', part);
      RETURN NEXT part;
    END IF;
  END LOOP;
END $$;
