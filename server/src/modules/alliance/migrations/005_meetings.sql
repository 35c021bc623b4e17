-- 会商: a consultation an alliance holds (date, convening unit, attendee units, agenda,
-- decisions) and its follow-up actions, each with an owner unit and a due date. No minimum
-- number of meetings: the frequency is the alliance's own business.
CREATE TABLE alliance_meetings (
  id @ID@,
  alliance_id BIGINT NOT NULL REFERENCES alliances(id),
  held_on TEXT NOT NULL,
  convener_unit_id BIGINT NOT NULL,
  topic TEXT NOT NULL,
  agenda TEXT NOT NULL DEFAULT '',
  decisions TEXT NOT NULL DEFAULT '',
  created_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX alliance_meetings_alliance ON alliance_meetings(alliance_id, held_on);
CREATE TABLE alliance_meeting_attendees (
  meeting_id BIGINT NOT NULL REFERENCES alliance_meetings(id) ON DELETE CASCADE,
  unit_id BIGINT NOT NULL,
  PRIMARY KEY (meeting_id, unit_id)
);
CREATE TABLE alliance_actions (
  id @ID@,
  meeting_id BIGINT NOT NULL REFERENCES alliance_meetings(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  owner_unit_id BIGINT NOT NULL,
  due_on TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open',
  done_note TEXT NOT NULL DEFAULT '',
  done_at BIGINT,
  done_by BIGINT,
  overdue_noticed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX alliance_actions_owner ON alliance_actions(owner_unit_id, status);
CREATE INDEX alliance_actions_open ON alliance_actions(status, overdue_noticed, due_on);
