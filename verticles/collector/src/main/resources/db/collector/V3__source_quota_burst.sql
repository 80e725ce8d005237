-- The quota became a token bucket (GCRA): quota_per_minute is its refill rate, quota_burst its capacity (how many
-- requests may go back to back). Existing sources get the default the service applies: ten seconds' worth, at least 1.
ALTER TABLE sources ADD COLUMN quota_burst integer;
UPDATE sources SET quota_burst = greatest(1, quota_per_minute / 6);
ALTER TABLE sources ALTER COLUMN quota_burst SET NOT NULL, ADD CONSTRAINT sources_quota_burst_check CHECK (quota_burst > 0);
