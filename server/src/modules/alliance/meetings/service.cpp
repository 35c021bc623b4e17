#include "modules/alliance/meetings/service.hpp"

#include <set>

#include "core/audit/audit.hpp"
#include "core/http/errors.hpp"
#include "core/time/time.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/alliances/service.hpp"
#include "modules/notices/service.hpp"
#include "modules/org/facts.hpp"

namespace xt::alliance {
namespace facts = org::facts;

namespace {
void check_day(const std::string& d, const std::string& field, const char* label) {
  if (d.size() != 10 || !time::parse_date(d)) throw unprocessable("request.bad_date", std::string(label) + "应为有效日期（YYYY-MM-DD）：" + d, field);
}

void fill_names(db::Conn& c, std::vector<Meeting*> ms) {
  std::vector<long long> ids;
  for (auto* m : ms) {
    ids.push_back(m->convener_unit_id);
    ids.insert(ids.end(), m->attendees.begin(), m->attendees.end());
    for (auto& a : m->actions) ids.push_back(a.owner_unit_id);
  }
  auto names = facts::names(c, ids);
  for (auto* m : ms) {
    m->convener_name = names[m->convener_unit_id];
    m->attendee_names.clear();
    for (auto u : m->attendees) m->attendee_names.push_back(names[u]);
    for (auto& a : m->actions) a.owner_name = names[a.owner_unit_id];
  }
}
}  // namespace

Meeting record_meeting(db::Conn& c, const app::Caller& who, long long alliance_id, const MeetingInput& in) {
  db::Tx tx(c, true);
  auto a = get_alliance(c, who.p, alliance_id);  // 404 unless visible
  std::set<long long> members;
  for (auto& m : a.members) members.insert(m.unit_id);
  access::DbUnitTree tree(c);
  if (!members.count(who.p.unit_id) || !access::may_act_in_unit(who.p, kActivityRecordPerm, who.p.unit_id, tree))
    throw forbidden("alliance.not_a_member", "只有教联体的成员单位可以记录会商");
  if (a.status == "dissolved") throw conflict("alliance.dissolved", "已撤销的教联体不能再记录会商");
  check_day(in.held_on, "held_on", "会商日期");
  if (in.held_on > today()) throw unprocessable("alliance.date_in_future", "会商日期不能晚于今天（记录已经开过的会商）", "held_on");
  if (in.topic.empty()) throw unprocessable("request.required", "请填写会商主题", "topic");
  Meeting m;
  m.alliance_id = alliance_id;
  m.held_on = in.held_on;
  m.convener_unit_id = who.p.unit_id;
  m.topic = in.topic;
  m.agenda = in.agenda;
  m.decisions = in.decisions;
  m.created_by = who.p.user_id;
  m.created_at = db::now_ms();
  std::set<long long> seen{who.p.unit_id};
  m.attendees.push_back(who.p.unit_id);
  for (size_t i = 0; i < in.attendees.size(); ++i) {
    auto u = in.attendees[i];
    if (!members.count(u))
      throw unprocessable("meeting.not_a_member", "参会单位应为本教联体的成员单位（编号 " + std::to_string(u) + "）", "attendees[" + std::to_string(i) + "]");
    if (seen.insert(u).second) m.attendees.push_back(u);
  }
  if (in.actions.size() > 50) throw unprocessable("request.too_many", "一次会商的后续事项不能超过50项", "actions");
  for (size_t i = 0; i < in.actions.size(); ++i) {
    auto p = "actions[" + std::to_string(i) + "].";
    auto& x = in.actions[i];
    if (x.title.empty()) throw unprocessable("request.required", "请填写事项内容", p + "title");
    if (!members.count(x.owner_unit_id)) throw unprocessable("meeting.not_a_member", "责任单位应为本教联体的成员单位", p + "owner_unit_id");
    check_day(x.due_on, p + "due_on", "完成期限");
    if (x.due_on < in.held_on)
      throw unprocessable("meeting.due_before_meeting", "完成期限（" + x.due_on + "）不能早于会商日期（" + in.held_on + "）", p + "due_on");
    Action act;
    act.title = x.title;
    act.owner_unit_id = x.owner_unit_id;
    act.due_on = x.due_on;
    m.actions.push_back(std::move(act));
  }
  m.id = meeting_repo::insert(c, m);
  audit::Event ev{"alliance:meeting:create", "alliance_meeting", std::to_string(m.id)};
  ev.detail["alliance_id"] = alliance_id;
  ev.detail["held_on"] = m.held_on;
  ev.detail["actions"] = (long long)m.actions.size();
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_meeting(c, who.p, m.id);
}

Meeting get_meeting(db::Conn& c, const access::Principal& p, long long id) {
  auto m = meeting_repo::find(c, id);
  if (!m) throw not_found("meeting.not_found", "没有这次会商");
  try {
    get_alliance(c, p, m->alliance_id);
  } catch (const ApiError&) {
    throw not_found("meeting.not_found", "没有这次会商");
  }
  fill_names(c, {&*m});
  return *m;
}

std::vector<Meeting> meetings_of(db::Conn& c, const access::Principal& p, long long alliance_id) {
  get_alliance(c, p, alliance_id);
  auto ms = meeting_repo::of_alliance(c, alliance_id);
  std::vector<Meeting*> ptrs;
  for (auto& m : ms) ptrs.push_back(&m);
  fill_names(c, ptrs);
  return ms;
}

Action complete_action(db::Conn& c, const app::Caller& who, long long id, const std::string& note) {
  db::Tx tx(c, true);
  auto a = meeting_repo::action(c, id);
  if (!a) throw not_found("meeting.no_action", "没有这项后续事项");
  access::DbUnitTree tree(c);
  if (a->owner_unit_id != who.p.unit_id || !access::may_act_in_unit(who.p, kActivityRecordPerm, who.p.unit_id, tree))
    throw forbidden("meeting.not_owner", "只有责任单位可以办结这项事项");
  if (!meeting_repo::mark_done(c, id, note, who.p.user_id, db::now_ms())) throw conflict("meeting.action_done", "这项事项已经办结");
  audit::Event ev{"alliance:action:done", "alliance_meeting", std::to_string(a->meeting_id)};
  ev.detail["action_id"] = id;
  ev.detail["note"] = note;
  audit::record(c, who.actor, ev);
  tx.commit();
  auto done = *meeting_repo::action(c, id);
  done.owner_name = facts::names(c, {done.owner_unit_id})[done.owner_unit_id];
  return done;
}

std::vector<Action> my_open_actions(db::Conn& c, const access::Principal& p) {
  auto out = meeting_repo::open_actions_of(c, p.unit_id, 200);
  std::vector<long long> ids;
  for (auto& a : out) ids.push_back(a.owner_unit_id);
  auto names = facts::names(c, ids);
  for (auto& a : out) a.owner_name = names[a.owner_unit_id];
  return out;
}

int notify_overdue(db::Conn& c) {
  db::Tx tx(c, true);
  int sent = 0;
  auto due = meeting_repo::take_overdue(c, today(), 500);
  std::vector<long long> ids;
  for (auto& a : due) ids.push_back(a.owner_unit_id);
  auto names = facts::names(c, ids);
  for (auto& a : due) {
    std::set<long long> to{a.owner_unit_id, a.convener_unit_id};
    for (auto unit : to) {
      notices::Notice n;
      n.unit_id = unit;
      n.perm = kActivityRecordPerm;
      n.kind = "alliance.action_overdue";
      n.title = "会商事项已过完成期限：" + a.title;
      n.body = "「" + a.topic + "」（" + time::chinese_date(a.held_on) + "）确定的事项「" + a.title + "」由" + names[a.owner_unit_id] + "负责，完成期限" +
               time::chinese_date(a.due_on) + "，尚未办结。";
      n.link = "/alliance/actions";
      n.dedupe_key = "alliance:action:overdue:" + std::to_string(a.id) + ":" + std::to_string(unit);
      n.created_at = db::now_ms();
      sent += notices::send(c, n);
    }
  }
  tx.commit();
  return sent;
}
}  // namespace xt::alliance
