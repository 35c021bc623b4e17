-- Preliminary review: the district's (or city-affiliated school's) recommendation order and
-- the package it sends to the city with the summary table (附件3).
ALTER TABLE cases ADD COLUMN recommend_rank INTEGER;
CREATE TABLE case_packages (
  call_id BIGINT NOT NULL REFERENCES case_calls(id),
  review_unit_id BIGINT NOT NULL REFERENCES units(id),
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  remarks TEXT NOT NULL DEFAULT '{}',
  sent_at BIGINT,
  sent_by BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (call_id, review_unit_id)
);
