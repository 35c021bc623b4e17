-- Stored files are removed once no row refers to them: these look-ups say whether one does.
CREATE INDEX case_evidence_file ON case_evidence(file_sha256);
CREATE INDEX case_call_files_file ON case_call_files(file_sha256);
CREATE INDEX case_packages_stamp ON case_packages(stamp_sha256);
