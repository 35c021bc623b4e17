-- The public case library is computed from published reviews and the evidence their units
-- chose to show: both move a version on, so that every server rebuilds its copy at once.
INSERT INTO data_versions (name, version) VALUES ('review_library', 0);
INSERT INTO data_versions (name, version) VALUES ('case_evidence_public', 0);
