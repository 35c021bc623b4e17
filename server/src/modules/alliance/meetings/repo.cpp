#include "modules/alliance/meetings/repo.hpp"

#include <map>

namespace xt::alliance::meeting_repo {
using db::Query;

namespace {
constexpr const char* kMeeting = "id, alliance_id, held_on, convener_unit_id, topic, agenda, decisions, created_by, created_at";
constexpr const char* kAction =
    "x.id, x.meeting_id, x.title, x.owner_unit_id, x.due_on, x.status, x.done_note, x.done_at, x.done_by, m.alliance_id, m.convener_unit_id, m.topic, m.held_on";

Meeting meeting_of(const db::Row& r) {
  return Meeting{r.i64(0), r.i64(1), r.str(2), r.i64(3), r.str(4), r.str(5), r.str(6), r.opt_i64(7), r.i64(8), {}, {}, "", {}};
}
Action action_of(const db::Row& r) {
  Action a;
  a.id = r.i64(0);
  a.meeting_id = r.i64(1);
  a.title = r.str(2);
  a.owner_unit_id = r.i64(3);
  a.due_on = r.str(4);
  a.status = r.str(5);
  a.done_note = r.str(6);
  a.done_at = r.opt_i64(7);
  a.done_by = r.opt_i64(8);
  a.alliance_id = r.i64(9);
  a.convener_unit_id = r.i64(10);
  a.topic = r.str(11);
  a.held_on = r.str(12);
  return a;
}

void fill(db::Conn& c, std::vector<Meeting>& ms) {
  if (ms.empty()) return;
  std::map<long long, Meeting*> at;
  std::vector<long long> ids;
  for (auto& m : ms) at[m.id] = &m, ids.push_back(m.id);
  Query a("SELECT meeting_id, unit_id FROM alliance_meeting_attendees WHERE meeting_id IN (");
  a << a.bind_list(ids) << ") ORDER BY meeting_id, unit_id";
  for (auto& r : c.rows(a)) at[r.i64(0)]->attendees.push_back(r.i64(1));
  Query x("SELECT ");
  x << kAction << " FROM alliance_actions x JOIN alliance_meetings m ON m.id = x.meeting_id WHERE x.meeting_id IN (" << x.bind_list(ids)
    << ") ORDER BY x.id";
  for (auto& r : c.rows(x)) {
    auto act = action_of(r);
    at[act.meeting_id]->actions.push_back(std::move(act));
  }
}
}  // namespace

std::optional<Meeting> find(db::Conn& c, long long id) {
  Query q("SELECT ");
  q << kMeeting << " FROM alliance_meetings WHERE id = " << q.bind(id);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  std::vector<Meeting> ms{meeting_of(*r)};
  fill(c, ms);
  return ms[0];
}

std::vector<Meeting> of_alliance(db::Conn& c, long long alliance_id) {
  Query q("SELECT ");
  q << kMeeting << " FROM alliance_meetings WHERE alliance_id = " << q.bind(alliance_id) << " ORDER BY held_on DESC, id DESC";
  std::vector<Meeting> ms;
  for (auto& r : c.rows(q)) ms.push_back(meeting_of(r));
  fill(c, ms);
  return ms;
}

long long insert(db::Conn& c, const Meeting& m) {
  Query q("INSERT INTO alliance_meetings (alliance_id, held_on, convener_unit_id, topic, agenda, decisions, created_by, created_at) VALUES (");
  q << q.bind(m.alliance_id) << ", " << q.bind(m.held_on) << ", " << q.bind(m.convener_unit_id) << ", " << q.bind(m.topic) << ", " << q.bind(m.agenda)
    << ", " << q.bind(m.decisions) << ", " << q.bind(m.created_by) << ", " << q.bind(m.created_at) << ") RETURNING id";
  long long id = c.scalar(q);
  for (auto u : m.attendees) {
    Query a("INSERT INTO alliance_meeting_attendees (meeting_id, unit_id) VALUES (");
    a << a.bind(id) << ", " << a.bind(u) << ")";
    c.exec(a);
  }
  for (auto& x : m.actions) {
    Query a("INSERT INTO alliance_actions (meeting_id, title, owner_unit_id, due_on) VALUES (");
    a << a.bind(id) << ", " << a.bind(x.title) << ", " << a.bind(x.owner_unit_id) << ", " << a.bind(x.due_on) << ")";
    c.exec(a);
  }
  return id;
}

std::optional<Action> action(db::Conn& c, long long id) {
  Query q("SELECT ");
  q << kAction << " FROM alliance_actions x JOIN alliance_meetings m ON m.id = x.meeting_id WHERE x.id = " << q.bind(id);
  if (auto r = c.row(q)) return action_of(*r);
  return std::nullopt;
}

bool mark_done(db::Conn& c, long long id, const std::string& note, long long user, long long now) {
  Query q("UPDATE alliance_actions SET status = 'done', done_note = ");
  q << q.bind(note) << ", done_at = " << q.bind(now) << ", done_by = " << q.bind(user) << " WHERE id = " << q.bind(id) << " AND status = 'open'";
  return c.exec(q) == 1;
}

std::vector<Action> open_actions_of(db::Conn& c, long long unit_id, int limit) {
  Query q("SELECT ");
  q << kAction << " FROM alliance_actions x JOIN alliance_meetings m ON m.id = x.meeting_id WHERE x.status = 'open' AND (x.owner_unit_id = "
    << q.bind(unit_id) << " OR m.convener_unit_id = " << q.bind(unit_id) << ") ORDER BY x.due_on, x.id LIMIT " << q.bind(limit);
  std::vector<Action> out;
  for (auto& r : c.rows(q)) out.push_back(action_of(r));
  return out;
}

std::vector<Action> take_overdue(db::Conn& c, const std::string& today, int limit) {
  Query q("SELECT ");
  q << kAction << " FROM alliance_actions x JOIN alliance_meetings m ON m.id = x.meeting_id WHERE x.status = 'open' AND x.overdue_noticed = 0 AND x.due_on < "
    << q.bind(today) << " ORDER BY x.id LIMIT " << q.bind(limit);
  std::vector<Action> out;
  for (auto& r : c.rows(q)) out.push_back(action_of(r));
  for (auto& a : out) {
    Query u("UPDATE alliance_actions SET overdue_noticed = 1 WHERE id = ");
    u << u.bind(a.id);
    c.exec(u);
  }
  return out;
}

std::map<std::string, std::string> topics(db::Conn& c, const std::vector<long long>& ids) {
  Query q("SELECT id, topic FROM alliance_meetings WHERE id IN (");
  q << q.bind_list(ids) << ")";
  std::map<std::string, std::string> out;
  for (auto& r : c.rows(q)) out[std::to_string(r.i64(0))] = r.str(1);
  return out;
}
}  // namespace xt::alliance::meeting_repo
