-- Evidence PDFs of a case and its catalog (附件2: 序号, 材料名称, 时间, 备注).
CREATE TABLE case_evidence (
  id @ID@,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  material_date TEXT NOT NULL DEFAULT '',
  remark TEXT NOT NULL DEFAULT '',
  file_sha256 TEXT NOT NULL,
  file_size BIGINT NOT NULL,
  pages INTEGER NOT NULL,
  min_dpi INTEGER NOT NULL DEFAULT 0,
  original_name TEXT NOT NULL DEFAULT '',
  creator_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX case_evidence_case ON case_evidence(case_id, seq);
