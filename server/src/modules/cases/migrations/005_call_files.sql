-- Attachments of a call's notice (附件1 template, 附件2 catalog form, 附件3 summary table …).
CREATE TABLE case_call_files (
  id @ID@,
  call_id BIGINT NOT NULL REFERENCES case_calls(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  file_size BIGINT NOT NULL,
  creator_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX case_call_files_call ON case_call_files(call_id, seq);
