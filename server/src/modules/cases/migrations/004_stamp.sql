-- The stamped (公章) scan of the summary table that goes with a district's package.
ALTER TABLE case_packages ADD COLUMN stamp_sha256 TEXT;
ALTER TABLE case_packages ADD COLUMN stamp_type TEXT NOT NULL DEFAULT '';
ALTER TABLE case_packages ADD COLUMN stamp_name TEXT NOT NULL DEFAULT '';
ALTER TABLE case_packages ADD COLUMN stamp_size BIGINT NOT NULL DEFAULT 0;
ALTER TABLE case_packages ADD COLUMN stamp_at BIGINT;
