// HTTP routes of the preliminary review: return, reject, recommend, order, the summary table,
// the stamped scan, sending the package, and the city's board.
#include "core/export/xlsx.hpp"
#include "core/files/store.hpp"
#include "modules/cases/review/service.hpp"
#include "modules/cases/review/package_zip.hpp"
#include "modules/cases/review/stamp.hpp"
#include "modules/cases/review/summary.hpp"
#include "modules/cases/routes_common.hpp"

namespace xt::cases {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

void register_review_routes(app::App& a) {
  auto& r = a.router();
  http::ModuleRoutes add(r, "cases");
  auto text_body = [](Ctx& ctx, const char* key, const char* label) {
    auto v = ctx.body();
    json::Fields f(v);
    auto s = f.req_string(key, label, 1000);
    f.finish();
    return s;
  };
  add("POST", "/api/v1/cases/{id}/return", "cases:case:review", "退回案例（附修改意见）", [text_body](Ctx& ctx) {
    auto k = return_case(ctx.conn(), ctx.caller(), ctx.id_param(), text_body(ctx, "comment", "修改意见"));
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
  add("POST", "/api/v1/cases/{id}/reject", "cases:case:review", "不予推荐（附理由）", [text_body](Ctx& ctx) {
    auto k = reject_case(ctx.conn(), ctx.caller(), ctx.id_param(), text_body(ctx, "reason", "理由"));
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
  add("POST", "/api/v1/cases/{id}/recommend", "cases:case:review", "推荐案例（在限额内）", [](Ctx& ctx) {
    auto k = recommend_case(ctx.conn(), ctx.caller(), ctx.id_param(), db::now_ms());
    return Response::json(bj::serialize(case_json(k, nullptr)));
  });
  auto package_json = [](const Package& p) {
    bj::array rows;
    for (auto& r : p.rows)
      rows.push_back({{"case_id", r.case_id}, {"rank", r.rank}, {"unit", r.unit}, {"title", r.title}, {"phone", r.phone}, {"remark", r.remark}});
    return bj::serialize(bj::object{{"call_id", p.call_id}, {"review_unit_id", p.review_unit_id}, {"review_unit_name", p.review_unit_name},
                                    {"contact_name", p.contact_name}, {"contact_phone", p.contact_phone}, {"rows", rows},
                                    {"quota", p.quota}, {"remaining", p.remaining}, {"self_review", p.self_review},
                                    {"sent_at", p.sent_at ? bj::value(*p.sent_at) : bj::value(nullptr)},
                                    {"stamp", p.stamp_name.empty() ? bj::value(nullptr)
                                                                   : bj::value(bj::object{{"name", p.stamp_name}, {"type", p.stamp_type},
                                                                                          {"size", p.stamp_size}, {"uploaded_at", *p.stamp_at}})}});
  };
  add("PUT", "/api/v1/case-calls/{id}/recommendations", "cases:case:review", "调整推荐顺序", [package_json](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto ids = f.int_array("case_ids", "推荐顺序", 1000);
    f.finish();
    order_recommendations(ctx.conn(), ctx.caller(), ctx.id_param(), ids);
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
    auto p = save_package(ctx.conn(), ctx.caller(), ctx.id_param(), name, phone, remarks);
    return Response::json(package_json(p));
  });
  add("POST", "/api/v1/case-calls/{id}/package/send", "cases:case:review", "把推荐材料报送市教育局", [package_json](Ctx& ctx) {
    auto p = send_package(ctx.conn(), ctx.caller(), ctx.id_param(), db::now_ms());
    return Response::json(package_json(p));
  });
  {
    http::Route up{"POST", "/api/v1/case-calls/{id}/package/stamp", "cases:case:review", "cases",
                   "上传加盖公章的汇总表扫描件（PDF、JPEG 或 PNG，请求体即文件；文件名放在查询参数 filename）", 0,
                   [package_json](Ctx& ctx) {
                     if (ctx.req.body_file.empty()) throw bad_request("request.empty_body", "请求中没有文件");
                     auto p = set_stamp(ctx.conn(), ctx.caller(), ctx.id_param(), ctx.req.body_file,
                                        ctx.req.query_param("filename").value_or(""), ctx.app.uploads());
                     return Response::json(package_json(p));
                   }};
    up.upload = true;
    add.route(std::move(up));
  }
  add("GET", "/api/v1/case-calls/{id}/package/stamp", "cases:case:list", "下载盖章扫描件（unit_id：初评单位，默认本单位）", [](Ctx& ctx) {
    long long unit = app::int_param(ctx.req, "unit_id", 1, app::kMaxId).value_or(ctx.principal().unit_id);
    auto s = get_stamp(ctx.conn(), ctx.principal(), ctx.id_param(), unit);
    return stored_file(ctx, s.sha256, s.type, s.name);
  });
  add("GET", "/api/v1/case-calls/{id}/board", "cases:call:update", "全市报送进度（按初评单位）", [](Ctx& ctx) {
    return Response::json(bj::serialize(bj::object{{"items", board(ctx.conn(), ctx.id_param())}}));
  });
}
}  // namespace xt::cases
