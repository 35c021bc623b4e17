#include "modules/review/routes.hpp"

#include "core/access/catalog.hpp"
#include "core/audit/names.hpp"
#include "core/json/json.hpp"
#include "modules/cases/facts.hpp"
#include "modules/org/accounts.hpp"
#include "modules/org/facts.hpp"
#include "modules/org/service.hpp"
#include "modules/review/assign/service.hpp"
#include "modules/review/json.hpp"
#include "modules/review/pool.hpp"
#include "modules/review/sheet.hpp"
#include "modules/review/workbench.hpp"

namespace xt::review {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
std::string call_title(db::Conn& c, long long call_id) {
  auto call = cases::facts::call(c, call_id);
  return call ? call->title : "";
}

Response review_response(Ctx& ctx, const Review& r, int status = 200) {
  return Response::json(bj::serialize(review_json(r, call_title(ctx.conn(), r.call_id))), status);
}

ReviewInput review_input(const bj::value& v, bool opening) {
  json::Fields f(v);
  ReviewInput in;
  if (f.has("k")) in.k = f.req_int_in("k", "每案专家人数", 1, 15);
  if (f.has("select_limit")) in.select_limit = f.req_int_in("select_limit", "入选数量上限", 1, 1000);
  in.blind = f.opt_bool("blind", "匿名评审");
  in.ends_on = f.opt_string("ends_on", "评审截止日期", 10);
  if (auto* s = f.raw("sheet"); s && !s->is_null()) in.sheet = sheet_from(*s);
  if (!opening) in.version = f.req_int_in("version", "版本", 1, 1 << 30);
  if (opening) f.raw("call_id");
  f.finish();
  return in;
}

long long review_id(Ctx& ctx) { return ctx.id_param(); }
}  // namespace

void register_permissions() {
  if (!access::find_scope("review_assigned")) access::register_link_scope("review_assigned", "分配给本人评审的", "assignee");
  org::accounts::register_builtin_role({kExpertRole, "评审专家", "市级评审的专家：只能看到分配给本人的案例并评分", 5});
  access::register_permission({kManagePerm, "组织市级评审：专家库、分配、评审结果与发布", "review", "市级评审"});
  access::register_permission({kScorePerm, "评审分配给本人的案例并评分", "review", "市级评审", {"review_assigned"}});
  org::register_builtin_grant("city_staff", kManagePerm, "all");
  org::register_builtin_grant(kExpertRole, kScorePerm, "review_assigned");
  access::register_menu({"review", "市级评审", "/review", "Medal", "", "", 25});
  access::register_menu({"review-reviews", "评审组织", "/review/reviews", "Trophy", kManagePerm, "review", 26});
  access::register_menu({"review-mine", "我的评审", "/review/mine", "EditPen", kScorePerm, "review", 27});
  audit::register_namer("review", [](db::Conn& c, const std::vector<std::string>& ids) {
    std::map<std::string, std::string> out;
    for (auto id : audit::numeric_ids(ids))
      if (auto r = repo::find_review(c, id)) out[std::to_string(id)] = call_title(c, r->call_id) + " 市级评审";
    return out;
  });
}

void register_routes(app::App& a) {
  register_workbench();
  register_expert_routes(a);
  register_result_routes(a);
  register_public_routes(a);
  http::ModuleRoutes add(a.router(), "review");
  add("GET", "/api/v1/reviews", kManagePerm, "市级评审列表（每次征集一项）", [](Ctx& ctx) {
    bj::array items;
    for (auto& r : list_reviews(ctx.conn())) items.push_back(review_json(r, call_title(ctx.conn(), r.call_id)));
    return Response::json(bj::serialize(bj::object{{"items", items}, {"total", (long long)items.size()}}));
  });
  add("GET", "/api/v1/reviews/default-sheet", kManagePerm, "默认评分表（通知中的评审标准；已有评审时为最近一次评审的评分表）", [](Ctx& ctx) {
    return Response::json(bj::serialize(to_json(initial_sheet(ctx.conn()))));
  });
  add("POST", "/api/v1/reviews", kManagePerm, "开始一次征集的市级评审（区县推荐材料报送到达后）", [](Ctx& ctx) {
    auto v = ctx.body();
    auto* call = v.is_object() ? v.as_object().if_contains("call_id") : nullptr;
    if (!call || !call->is_int64() || call->as_int64() <= 0) throw unprocessable("request.required", "请选择征集活动", "call_id");
    auto in = review_input(v, true);
    return review_response(ctx, open_review(ctx.conn(), ctx.caller(), call->as_int64(), in, db::now_ms()), 201);
  });
  add("GET", "/api/v1/reviews/{id}", kManagePerm, "市级评审详情（设置与评分表）", [](Ctx& ctx) {
    return review_response(ctx, get_review(ctx.conn(), review_id(ctx)));
  });
  add("PUT", "/api/v1/reviews/{id}", kManagePerm, "修改评审设置（每案专家人数、匿名、截止日期、入选上限、评分表）", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto in = review_input(ctx.body(), false);
    return review_response(ctx, update_review(ctx.conn(), ctx.caller(), id, in, db::now_ms()));
  });
  add("POST", "/api/v1/reviews/{id}/close", kManagePerm, "结束评分（专家不能再评分，为本次评审新建的专家账号失效）", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto r = close_review(ctx.conn(), ctx.caller(), id, db::now_ms());
    return review_response(ctx, r);
  });

  // The pool.
  add("GET", "/api/v1/reviews/{id}/experts", kManagePerm, "专家库（含分配与提交进度、回避申报）", [](Ctx& ctx) {
    auto r = get_review(ctx.conn(), review_id(ctx));
    bj::array items;
    for (auto& p : pool(ctx.conn(), r.id)) items.push_back(pool_json(p));
    bj::array options;
    for (auto& f : field_options(ctx.conn(), r)) options.emplace_back(f);
    return Response::json(bj::serialize(bj::object{{"items", items}, {"total", (long long)items.size()}, {"field_options", options}}));
  });
  add("GET", "/api/v1/reviews/{id}/candidates", kManagePerm, "按姓名或用户名查找可加入专家库的用户", [](Ctx& ctx) {
    get_review(ctx.conn(), review_id(ctx));
    auto kw = ctx.req.query_param("keyword").value_or("");
    if (json::char_count(kw) < 1 || kw.size() > 60) throw bad_request("request.bad_param", "请输入1–20个字的姓名或用户名", "keyword");
    bj::array items;
    auto people = org::accounts::find_people(ctx.conn(), kw, 20);
    std::vector<long long> units;
    for (auto& p : people) units.insert(units.end(), p.unit_ids.begin(), p.unit_ids.end());
    auto names = org::facts::names(ctx.conn(), units);
    for (auto& p : people) {
      bj::array us;
      for (auto u : p.unit_ids) us.push_back(bj::object{{"unit_id", u}, {"unit_name", names[u]}});
      items.push_back(bj::object{{"user_id", p.id}, {"name", p.display_name}, {"username", p.username}, {"units", us}});
    }
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("POST", "/api/v1/reviews/{id}/experts", kManagePerm, "将已有用户加入专家库（所在单位、专业领域）", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto v = ctx.body();
    json::Fields f(v);
    auto uid = f.req_int("user_id", "用户");
    auto unit = f.opt_int("unit_id", "所在单位");
    auto fields = string_list(f.raw("fields"), "fields", "专业领域", 20);
    f.finish();
    auto e = add_expert(ctx.conn(), ctx.caller(), id, uid, unit ? std::optional<long long>(*unit) : std::nullopt, fields, db::now_ms());
    ctx.app.sessions().changed_user(ctx.conn(), uid);
    return Response::json(bj::serialize(expert_json(e)), 201);
  });
  add("POST", "/api/v1/reviews/{id}/experts/new", kManagePerm, "新建评审专家账号（有效期至评审截止日；初始密码只显示一次）", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto v = ctx.body();
    json::Fields f(v);
    NewExpert in;
    in.name = f.req_string("name", "姓名", 30);
    in.unit_id = f.req_int("unit_id", "所在单位");
    in.phone = f.opt_string("phone", "联系电话", 20).value_or("");
    in.username = f.opt_string("username", "用户名", 32).value_or("");
    in.fields = string_list(f.raw("fields"), "fields", "专业领域", 20);
    f.finish();
    auto made = create_expert(ctx.conn(), ctx.caller(), id, in, ctx.app.config().password, db::now_ms());
    auto o = expert_json(made.e);
    o["password"] = made.password;
    return Response::json(bj::serialize(o), 201);
  });
  add("PUT", "/api/v1/reviews/{id}/experts/{user}", kManagePerm, "修改专家的专业领域", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto uid = ctx.id_param("user");
    auto v = ctx.body();
    json::Fields f(v);
    auto fields = string_list(f.raw("fields"), "fields", "专业领域", 20);
    f.finish();
    return Response::json(bj::serialize(expert_json(update_expert(ctx.conn(), ctx.caller(), id, uid, fields))));
  });
  add("DELETE", "/api/v1/reviews/{id}/experts/{user}", kManagePerm, "专家退出评审（未提交的分配随之取消，需重新分配）", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto uid = ctx.id_param("user");
    int removed = withdraw_expert(ctx.conn(), ctx.caller(), id, uid, db::now_ms());
    return Response::json(bj::serialize(bj::object{{"removed_assignments", removed}}));
  });
  add("POST", "/api/v1/reviews/{id}/experts/{user}/conflicts", kManagePerm, "登记专家申报的回避单位", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto uid = ctx.id_param("user");
    auto v = ctx.body();
    json::Fields f(v);
    auto unit = f.req_int("unit_id", "回避单位");
    auto note = f.opt_string("note", "说明", 100).value_or("");
    f.finish();
    add_conflict(ctx.conn(), ctx.caller(), id, uid, unit, note);
    return Response::json(R"({"ok":true})", 201);
  });
  add("DELETE", "/api/v1/reviews/{id}/experts/{user}/conflicts/{unit}", kManagePerm, "删除一条回避申报", [](Ctx& ctx) {
    remove_conflict(ctx.conn(), ctx.caller(), review_id(ctx), ctx.id_param("user"), ctx.id_param("unit"));
    return Response::json(R"({"ok":true})");
  });

  // Assignment.
  add("GET", "/api/v1/reviews/{id}/board", kManagePerm, "分配与进度：每个案例的专家、评分状态、可分配人数", [](Ctx& ctx) {
    auto r = get_review(ctx.conn(), review_id(ctx));
    return Response::json(bj::serialize(board(ctx.conn(), r)));
  });
  add("GET", "/api/v1/reviews/{id}/cases/{case}/candidates", kManagePerm, "一个案例可选的专家（回避原因、专业匹配、当前负担）", [](Ctx& ctx) {
    auto r = get_review(ctx.conn(), review_id(ctx));
    return Response::json(bj::serialize(case_candidates(ctx.conn(), r, ctx.id_param("case"))));
  });
  add("POST", "/api/v1/reviews/{id}/assignment/propose", kManagePerm, "生成自动分配方案（不立即生效，先预览）", [](Ctx& ctx) {
    auto id = review_id(ctx);
    return Response::json(bj::serialize(propose(ctx.conn(), ctx.caller(), id, db::now_ms())));
  });
  add("POST", "/api/v1/reviews/{id}/assignment/apply", kManagePerm, "应用预览过的分配方案", [](Ctx& ctx) {
    auto id = review_id(ctx);
    return Response::json(bj::serialize(apply_proposal(ctx.conn(), ctx.caller(), id, db::now_ms())));
  });
  add("POST", "/api/v1/reviews/{id}/assignments", kManagePerm, "手工分配一位专家评审一个案例（检查回避）", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto v = ctx.body();
    json::Fields f(v);
    auto case_id = f.req_int("case_id", "案例");
    auto uid = f.req_int("user_id", "专家");
    f.finish();
    auto aid = assign_by_hand(ctx.conn(), ctx.caller(), id, case_id, uid, db::now_ms());
    return Response::json(bj::serialize(bj::object{{"assignment_id", aid}}), 201);
  });
  add("DELETE", "/api/v1/reviews/{id}/assignments/{assignment}", kManagePerm, "取消一条分配（专家尚未提交评分时）", [](Ctx& ctx) {
    unassign(ctx.conn(), ctx.caller(), review_id(ctx), ctx.id_param("assignment"), db::now_ms());
    return Response::json(R"({"ok":true})");
  });
  add("PUT", "/api/v1/reviews/{id}/marks", kManagePerm, "指定或禁止某位专家评审某个案例（自动分配时遵守）", [](Ctx& ctx) {
    auto id = review_id(ctx);
    auto v = ctx.body();
    json::Fields f(v);
    auto case_id = f.req_int("case_id", "案例");
    auto uid = f.req_int("user_id", "专家");
    auto mark = f.req_string("mark", "标记", 10, true);
    f.finish();
    set_mark(ctx.conn(), ctx.caller(), id, case_id, uid, mark, db::now_ms());
    return Response::json(R"({"ok":true})");
  });
}
}  // namespace xt::review
