-- 教联体 at three levels: the city's, a district's, a school's (the anchor unit: the bureau or the
-- school it is for). Members are units of the tree with a role (lead 牵头 / member 成员), a
-- contact and what they contribute. The status (preparing 筹建 / formed 已组建 / dissolved 已撤销)
-- keeps its history with the date each change took effect: coverage is read as of a date.
CREATE TABLE alliances (
  id @ID@,
  level TEXT NOT NULL,
  anchor_unit_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  founded_on TEXT,
  status TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
-- One alliance not dissolved per level and anchor (the service says so first; this holds
-- against two requests at once).
CREATE UNIQUE INDEX alliances_one_active ON alliances(anchor_unit_id, level) WHERE status <> 'dissolved';
CREATE INDEX alliances_level ON alliances(level, status);
CREATE TABLE alliance_members (
  alliance_id BIGINT NOT NULL REFERENCES alliances(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL,
  role TEXT NOT NULL,
  contact_name TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  contribution TEXT NOT NULL DEFAULT '',
  sort INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (alliance_id, unit_id)
);
CREATE INDEX alliance_members_unit ON alliance_members(unit_id);
CREATE TABLE alliance_status_history (
  id @ID@,
  alliance_id BIGINT NOT NULL REFERENCES alliances(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  changed_by BIGINT,
  changed_at BIGINT NOT NULL
);
CREATE INDEX alliance_status_history_alliance ON alliance_status_history(alliance_id, id);
