-- Who runs each live feed, fenced in the database: a node keeps its lease only by renewing it before it expires,
-- so a node cut off from the cluster (but still running) cannot keep a feed that another node has taken over.
CREATE TABLE feed_leases (
  collector_id uuid PRIMARY KEY REFERENCES collectors (id) ON DELETE CASCADE,
  node         text NOT NULL,
  expires_at   timestamptz NOT NULL
);
