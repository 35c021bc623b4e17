-- Files of the 教联体 work: an alliance's agreement (one PDF, replaced by a new upload) and an
-- activity's materials (PDFs or images, a few at most). The bytes are in the upload store by
-- hash; these rows keep them there.
CREATE TABLE alliance_files (
  id @ID@,
  kind TEXT NOT NULL,
  owner_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  pages INTEGER NOT NULL DEFAULT 0,
  uploaded_by BIGINT,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX alliance_files_owner ON alliance_files(kind, owner_id);
