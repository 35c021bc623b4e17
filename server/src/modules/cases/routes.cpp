// HTTP routes of the typical-case call.
#include "modules/cases/routes.hpp"

#include "core/access/catalog.hpp"
#include "core/app/app.hpp"
#include "core/text/zishu.hpp"
#include "core/export/xlsx.hpp"
#include "core/files/store.hpp"
#include "modules/cases/evidence.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/repo.hpp"
#include "modules/cases/review.hpp"
#include "modules/cases/service.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
Caller caller(Ctx& ctx) { return Caller{ctx.principal(), ctx.actor()}; }

bj::object call_json(const Call& x, db::Conn* c = nullptr, const access::Principal* p = nullptr) {
  return {{"id", x.id}, {"title", x.title}, {"notice", x.notice}, {"deadline_date", x.deadline_date}, {"deadline_at", x.deadline_at},
          {"grace_minutes", x.grace_minutes}, {"status", x.status}, {"rules", to_json(x.rules)}, {"created_at", x.created_at}};
}

bj::object case_json(const Case& k, const Call* call) {
  bj::object o{{"id", k.id}, {"call_id", k.call_id}, {"owner_unit_id", k.owner_unit_id}, {"owner_unit_name", k.owner_unit_name},
               {"review_unit_id", k.review_unit_id}, {"title", k.title}, {"status", k.status}, {"version", k.version},
               {"review_comment", k.review_comment}, {"content", to_json(k.content)},
               {"submitted_at", k.submitted_at ? bj::value(*k.submitted_at) : bj::value(nullptr)},
               {"created_at", k.created_at}, {"updated_at", k.updated_at}};
  if (call) {
    auto n = count(call->rules, k.content);
    bj::object secs;
    for (auto& [key, v] : n.sections) secs[key] = (long long)v;
    o["counts"] = bj::object{{"sections", secs}, {"total", (long long)n.total}, {"rule", text::kZishuRule}};
  }
  return o;
}

CallInput call_input(Ctx& ctx) {
  auto v = ctx.body();
  json::Fields f(v);
  CallInput in;
  in.title = f.req_string("title", "征集活动名称", 100);
  in.notice = f.opt_string("notice", "通知正文", 20000).value_or("");
  in.deadline_date = f.req_string("deadline_date", "截止日期", 10);
  in.grace_minutes = (int)f.opt_int("grace_minutes", "宽限时间（分钟）").value_or(0);
  in.status = f.opt_string("status", "状态", 10).value_or("open");
  if (auto* r = f.raw("rules")) in.rules = rules_from(*r);
  else in.rules = qingdao_template();
  f.finish();
  return in;
}
}  // namespace

void register_routes(app::App& a) {
  register_permissions();
  access::register_menu({"cases", "典型案例征集", "/cases", "Trophy", "", "", 20});
  access::register_menu({"cases-calls", "征集活动", "/cases/calls", "Notification", "cases:case:list", "cases", 21});
  access::register_menu({"cases-mine", "本单位案例", "/cases/mine", "EditPen", "cases:case:create", "cases", 22});
  auto& r = a.router();
  auto add = [&](const char* m, const char* path, const char* perm, const char* summary, http::Handler h, size_t limit = 64 * 1024) {
    r.add(http::Route{m, path, perm, "cases", summary, limit, std::move(h)});
  };

  add("GET", "/api/v1/case-calls/template", "login", "征集规则模板（青岛2024通知）", [](Ctx&) {
    return Response::json(bj::serialize(bj::object{{"rules", to_json(qingdao_template())}, {"zishu_rule", text::kZishuRule}}));
  });
  add("GET", "/api/v1/case-calls", "login", "征集活动列表", [](Ctx& ctx) {
    bj::array items;
    for (auto& x : repo::list_calls(ctx.conn())) items.push_back(call_json(x));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("GET", "/api/v1/case-calls/{id}", "login", "征集活动详情", [](Ctx& ctx) {
    return Response::json(bj::serialize(call_json(get_call(ctx.conn(), ctx.id_param()))));
  });
  add("POST", "/api/v1/case-calls", "cases:call:create", "发布征集活动", [](Ctx& ctx) {
    auto x = create_call(ctx.conn(), caller(ctx), call_input(ctx));
    ctx.audited = true;
    return Response::json(bj::serialize(call_json(x)), 201);
  });
  add("PUT", "/api/v1/case-calls/{id}", "cases:call:update", "修改征集活动", [](Ctx& ctx) {
    auto x = update_call(ctx.conn(), caller(ctx), ctx.id_param(), call_input(ctx));
    ctx.audited = true;
    return Response::json(bj::serialize(call_json(x)));
  });

  add("GET", "/api/v1/cases", "cases:case:list", "典型案例列表", [](Ctx& ctx) {
    auto pg = app::page_from(ctx.req, {"updated_at"}, "updated_at", true);
    std::optional<long long> call_id;
    if (auto s = ctx.req.query_param("call_id"); s && !s->empty()) {
      try { call_id = std::stoll(*s); } catch (...) { throw bad_request("request.bad_param", "call_id 应为整数", "call_id"); }
    }
    auto [items, total] = repo::list_cases(ctx.conn(), ctx.principal(), call_id, ctx.req.query_param("status").value_or(""), pg);
    bj::array out;
    for (auto& k : items) {
      auto o = case_json(k, nullptr);
      o.erase("content");
      out.push_back(std::move(o));
    }
    return Response::json(app::list_json(std::move(out), total, pg));
  });
  add("GET", "/api/v1/cases/{id}", "cases:case:list", "典型案例详情（含字数统计）", [](Ctx& ctx) {
    auto k = get_case(ctx.conn(), ctx.principal(), ctx.id_param());
    auto call = get_call(ctx.conn(), k.call_id);
    return Response::json(bj::serialize(case_json(k, &call)));
  });
  add("POST", "/api/v1/cases", "cases:case:create", "新建典型案例（草稿）", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto call_id = f.req_int("call_id", "征集活动");
    auto title = f.req_string("title", "案例名称", 100);
    f.finish();
    auto k = create_case(ctx.conn(), caller(ctx), call_id, title, db::now_ms());
    ctx.audited = true;
    auto call = get_call(ctx.conn(), k.call_id);
    return Response::json(bj::serialize(case_json(k, &call)), 201);
  });
  add("PUT", "/api/v1/cases/{id}", "cases:case:update", "保存案例草稿（新版本）", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    int version = (int)f.req_int("version", "版本号");
    auto title = f.req_string("title", "案例名称", 100);
    auto* raw = f.raw("content");
    if (!raw) throw unprocessable("request.required", "缺少案例内容", "content");
    auto content = content_from(*raw);
    f.finish();
    auto k = save_case(ctx.conn(), caller(ctx), ctx.id_param(), version, title, content);
    ctx.audited = true;
    auto call = get_call(ctx.conn(), k.call_id);
    return Response::json(bj::serialize(case_json(k, &call)));
  }, 512 * 1024);
  add("GET", "/api/v1/cases/{id}/versions", "cases:case:list", "案例的历史版本", [](Ctx& ctx) {
    auto id = ctx.id_param();
    get_case(ctx.conn(), ctx.principal(), id);
    return Response::json(bj::serialize(bj::object{{"items", repo::versions(ctx.conn(), id)}}));
  });
  add("POST", "/api/v1/cases/{id}/versions/{version}/restore", "cases:case:update", "恢复到某个历史版本", [](Ctx& ctx) {
    auto ver = ctx.id_param("version");
    auto k = restore_version(ctx.conn(), caller(ctx), ctx.id_param(), (int)std::min(ver, 1000000LL));
    ctx.audited = true;
    auto call = get_call(ctx.conn(), k.call_id);
    return Response::json(bj::serialize(case_json(k, &call)));
  });
  add("GET", "/api/v1/cases/{id}/check", "cases:case:list", "报送前检查：列出全部未满足的要求", [](Ctx& ctx) {
    auto& c = ctx.conn();
    auto k = get_case(c, ctx.principal(), ctx.id_param());
    auto call = get_call(c, k.call_id);
    bj::array problems;
    for (auto& e : submission_problems(c, call, k, db::now_ms()))
      problems.push_back({{"code", e.code}, {"message", e.what()}, {"field", e.field}});
    return Response::json(bj::serialize(bj::object{{"ok", problems.empty()}, {"problems", problems}}));
  });
  add("POST", "/api/v1/cases/{id}/submit", "cases:case:submit", "报送案例", [](Ctx& ctx) {
    auto k = submit_case(ctx.conn(), caller(ctx), ctx.id_param(), db::now_ms());
    ctx.audited = true;
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
  auto text_body = [](Ctx& ctx, const char* key, const char* label) {
    auto v = ctx.body();
    json::Fields f(v);
    auto s = f.req_string(key, label, 1000);
    f.finish();
    return s;
  };
  add("POST", "/api/v1/cases/{id}/return", "cases:case:review", "退回案例（附修改意见）", [text_body](Ctx& ctx) {
    auto k = return_case(ctx.conn(), caller(ctx), ctx.id_param(), text_body(ctx, "comment", "修改意见"));
    ctx.audited = true;
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
  add("POST", "/api/v1/cases/{id}/reject", "cases:case:review", "不予推荐（附理由）", [text_body](Ctx& ctx) {
    auto k = reject_case(ctx.conn(), caller(ctx), ctx.id_param(), text_body(ctx, "reason", "理由"));
    ctx.audited = true;
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
  add("POST", "/api/v1/cases/{id}/recommend", "cases:case:review", "推荐案例（在限额内）", [](Ctx& ctx) {
    auto k = recommend_case(ctx.conn(), caller(ctx), ctx.id_param(), db::now_ms());
    ctx.audited = true;
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
  auto package_json = [](const Package& p) {
    bj::array rows;
    for (auto& r : p.rows)
      rows.push_back({{"case_id", r.case_id}, {"rank", r.rank}, {"unit", r.unit}, {"title", r.title}, {"phone", r.phone}, {"remark", r.remark}});
    return bj::serialize(bj::object{{"call_id", p.call_id}, {"review_unit_id", p.review_unit_id}, {"review_unit_name", p.review_unit_name},
                                    {"contact_name", p.contact_name}, {"contact_phone", p.contact_phone}, {"rows", rows},
                                    {"quota", p.quota}, {"remaining", p.remaining},
                                    {"sent_at", p.sent_at ? bj::value(*p.sent_at) : bj::value(nullptr)}});
  };
  add("PUT", "/api/v1/case-calls/{id}/recommendations", "cases:case:review", "调整推荐顺序", [package_json](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto ids = f.int_array("case_ids", "推荐顺序", 1000);
    f.finish();
    order_recommendations(ctx.conn(), caller(ctx), ctx.id_param(), ids);
    ctx.audited = true;
    return Response::json(package_json(get_package(ctx.conn(), ctx.principal(), ctx.id_param())));
  });
  add("GET", "/api/v1/case-calls/{id}/package", "cases:case:review", "本单位的推荐材料与汇总表（附件3）", [package_json](Ctx& ctx) {
    return Response::json(package_json(get_package(ctx.conn(), ctx.principal(), ctx.id_param())));
  });
  add("PUT", "/api/v1/case-calls/{id}/package", "cases:case:review", "填写汇总表（联系人、联系电话、备注）", [package_json](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto name = f.opt_string("contact_name", "联系人", 30).value_or("");
    auto phone = f.opt_string("contact_phone", "联系电话", 20).value_or("");
    std::vector<std::pair<long long, std::string>> remarks;
    auto& arr = f.req_array("remarks", "备注", 1000);
    for (size_t i = 0; i < arr.size(); ++i) {
      json::Fields r(arr[i], "remarks[" + std::to_string(i) + "].");
      auto id = r.req_int("case_id", "案例");
      auto text = r.opt_string("remark", "备注", 200).value_or("");
      r.finish();
      remarks.emplace_back(id, text);
    }
    f.finish();
    auto p = save_package(ctx.conn(), caller(ctx), ctx.id_param(), name, phone, remarks);
    ctx.audited = true;
    return Response::json(package_json(p));
  });
  add("POST", "/api/v1/case-calls/{id}/package/send", "cases:case:review", "把推荐材料报送市教育局", [package_json](Ctx& ctx) {
    auto p = send_package(ctx.conn(), caller(ctx), ctx.id_param(), db::now_ms());
    ctx.audited = true;
    return Response::json(package_json(p));
  });
  add("GET", "/api/v1/case-calls/{id}/board", "cases:call:update", "全市报送进度（按初评单位）", [](Ctx& ctx) {
    return Response::json(bj::serialize(bj::object{{"items", board(ctx.conn(), ctx.id_param())}}));
  });
  auto evidence_json = [](const Evidence& e) {
    return bj::object{{"id", e.id}, {"case_id", e.case_id}, {"seq", e.seq}, {"name", e.name}, {"material_date", e.material_date},
                      {"remark", e.remark}, {"size", e.size}, {"pages", e.pages}, {"min_dpi", e.min_dpi},
                      {"low_dpi", e.min_dpi > 0 && e.min_dpi < 150}, {"original_name", e.original_name}, {"created_at", e.created_at}};
  };
  add("GET", "/api/v1/cases/{id}/evidence", "cases:case:list", "佐证材料目录（附件2）", [evidence_json](Ctx& ctx) {
    bj::array items;
    for (auto& e : list_evidence(ctx.conn(), ctx.principal(), ctx.id_param())) items.push_back(evidence_json(e));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  {
    http::Route up{"POST", "/api/v1/cases/{id}/evidence", "cases:case:update", "cases",
                   "上传一份佐证材料（PDF，请求体即文件；名称等放在查询参数 name、material_date、remark、filename）", 0,
                   [evidence_json](Ctx& ctx) {
                     EvidenceInput in;
                     in.name = ctx.req.query_param("name").value_or("");
                     in.material_date = ctx.req.query_param("material_date").value_or("");
                     in.remark = ctx.req.query_param("remark").value_or("");
                     in.original_name = ctx.req.query_param("filename").value_or("");
                     if (ctx.req.body_file.empty()) throw bad_request("request.empty_body", "请求中没有文件");
                     auto e = add_evidence(ctx.conn(), caller(ctx), ctx.id_param(), ctx.req.body_file, in, ctx.app.config().data_dir + "/files");
                     ctx.audited = true;
                     return Response::json(bj::serialize(evidence_json(e)), 201);
                   }};
    up.upload = true;
    r.add(std::move(up));
  }
  add("PUT", "/api/v1/cases/{id}/evidence/order", "cases:case:update", "调整佐证材料顺序", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto ids = f.int_array("ids", "顺序", 100);
    f.finish();
    order_evidence(ctx.conn(), caller(ctx), ctx.id_param(), ids);
    ctx.audited = true;
    return Response::no_content();
  });
  add("PUT", "/api/v1/evidence/{id}", "cases:case:update", "修改佐证材料的名称、时间、备注", [evidence_json](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    EvidenceInput in;
    in.name = f.req_string("name", "材料名称", 100);
    in.material_date = f.opt_string("material_date", "时间", 10).value_or("");
    in.remark = f.opt_string("remark", "备注", 200).value_or("");
    f.finish();
    auto e = update_evidence(ctx.conn(), caller(ctx), ctx.id_param(), in);
    ctx.audited = true;
    return Response::json(bj::serialize(evidence_json(e)));
  });
  add("DELETE", "/api/v1/evidence/{id}", "cases:case:update", "删除佐证材料", [](Ctx& ctx) {
    delete_evidence(ctx.conn(), caller(ctx), ctx.id_param());
    ctx.audited = true;
    return Response::no_content();
  });
  add("GET", "/api/v1/evidence/{id}/file", "cases:case:list", "下载佐证材料（PDF）", [](Ctx& ctx) {
    auto e = get_evidence(ctx.conn(), ctx.principal(), ctx.id_param());
    files::Store store(ctx.app.config().data_dir + "/files");
    Response res;
    res.content_type = "application/pdf";
    res.body = store.read(e.sha256);
    res.set_header("Content-Disposition", exporting::attachment(std::to_string(e.seq) + "_" + e.name + ".pdf"));
    res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
    return res;
  });
  add("POST", "/api/v1/cases/{id}/withdraw", "cases:case:submit", "截止前撤回已报送的案例", [](Ctx& ctx) {
    auto k = withdraw_case(ctx.conn(), caller(ctx), ctx.id_param(), db::now_ms());
    ctx.audited = true;
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
}
}  // namespace xt::cases
