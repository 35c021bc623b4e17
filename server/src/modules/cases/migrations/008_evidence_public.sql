-- A unit may show an evidence file of its selected case in the public case library.
ALTER TABLE case_evidence ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0;
