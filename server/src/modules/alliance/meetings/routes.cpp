// HTTP routes of 会商 meetings and their follow-up actions, and the overdue-action job.
#include "modules/alliance/meetings/routes.hpp"

#include "core/audit/names.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/meetings/service.hpp"

namespace xt::alliance {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
bj::object action_json(const Action& a) {
  return {{"id", a.id},
          {"meeting_id", a.meeting_id},
          {"alliance_id", a.alliance_id},
          {"topic", a.topic},
          {"held_on", a.held_on},
          {"title", a.title},
          {"owner_unit_id", a.owner_unit_id},
          {"owner_name", a.owner_name},
          {"convener_unit_id", a.convener_unit_id},
          {"due_on", a.due_on},
          {"status", a.status},
          {"done_note", a.done_note},
          {"done_at", a.done_at ? bj::value(*a.done_at) : bj::value(nullptr)}};
}

bj::object meeting_json(const Meeting& m) {
  bj::array at, acts;
  for (size_t i = 0; i < m.attendees.size(); ++i)
    at.push_back(bj::object{{"unit_id", m.attendees[i]}, {"unit_name", i < m.attendee_names.size() ? m.attendee_names[i] : ""}});
  for (auto& a : m.actions) acts.push_back(action_json(a));
  return {{"id", m.id},         {"alliance_id", m.alliance_id}, {"held_on", m.held_on},
          {"convener_unit_id", m.convener_unit_id}, {"convener_name", m.convener_name}, {"topic", m.topic},
          {"agenda", m.agenda}, {"decisions", m.decisions},     {"attendees", at},
          {"actions", acts},    {"created_at", m.created_at}};
}

MeetingInput meeting_input(Ctx& ctx) {
  auto v = ctx.body();
  json::Fields f(v);
  MeetingInput in;
  in.held_on = f.req_string("held_on", "会商日期", 10);
  in.topic = f.req_string("topic", "会商主题", 60);
  in.agenda = f.opt_string("agenda", "议题", 2000).value_or("");
  in.decisions = f.opt_string("decisions", "议定事项", 2000).value_or("");
  if (f.has("attendees")) in.attendees = f.int_array("attendees", "参会单位", 300);
  if (f.has("actions")) {
    size_t i = 0;
    for (auto& item : f.req_array("actions", "后续事项", 50)) {
      json::Fields x(item, "actions[" + std::to_string(i++) + "].");
      ActionInput a;
      a.title = x.req_string("title", "事项内容", 100);
      a.owner_unit_id = x.req_int("owner_unit_id", "责任单位");
      a.due_on = x.req_string("due_on", "完成期限", 10);
      x.finish();
      in.actions.push_back(std::move(a));
    }
  }
  f.finish();
  return in;
}
}  // namespace

void register_meeting_permissions() {
  audit::register_namer("alliance_meeting",
                        [](db::Conn& c, const std::vector<std::string>& ids) { return meeting_repo::topics(c, audit::numeric_ids(ids)); });
}

void register_meeting_routes(app::App& a) {
  a.jobs().add("alliance.overdue_actions", [](db::Conn& c, long long) { notify_overdue(c); });
  http::ModuleRoutes add(a.router(), "alliance");
  add("GET", "/api/v1/alliances/{id}/meetings", http::kLogin, "教联体的会商记录（含后续事项）", [](Ctx& ctx) {
    bj::array items;
    for (auto& m : meetings_of(ctx.conn(), ctx.principal(), ctx.id_param())) items.push_back(meeting_json(m));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("POST", "/api/v1/alliances/{id}/meetings", kActivityRecordPerm, "记录一次会商（本单位召集；参会单位、议定事项、后续事项）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto in = meeting_input(ctx);
    return Response::json(bj::serialize(meeting_json(record_meeting(ctx.conn(), ctx.caller(), id, in))), 201);
  });
  add("GET", "/api/v1/alliance/meetings/{id}", http::kLogin, "会商详情", [](Ctx& ctx) {
    return Response::json(bj::serialize(meeting_json(get_meeting(ctx.conn(), ctx.principal(), ctx.id_param()))));
  });
  add("GET", "/api/v1/alliance/actions", http::kLogin, "本单位负责或召集的未办结事项（按完成期限）", [](Ctx& ctx) {
    bj::array items;
    for (auto& x : my_open_actions(ctx.conn(), ctx.principal())) items.push_back(action_json(x));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("POST", "/api/v1/alliance/actions/{id}/done", kActivityRecordPerm, "责任单位办结事项（附说明）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto v = ctx.body();
    json::Fields f(v);
    auto note = f.opt_string("note", "办结说明", 500).value_or("");
    f.finish();
    return Response::json(bj::serialize(action_json(complete_action(ctx.conn(), ctx.caller(), id, note))));
  });
}
}  // namespace xt::alliance
