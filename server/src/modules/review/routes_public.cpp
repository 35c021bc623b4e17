// The public pages' API (no login): the case library, a case in the 附件1 layout (JSON and
// PDF), the evidence a unit made public, and the certificate check. Certificates themselves
// for the city (one or all as a ZIP) and for the case's unit and district.
#include "core/app/download.hpp"
#include "core/docs/pdf.hpp"
#include "core/docs/zip.hpp"
#include "core/export/xlsx.hpp"
#include "core/json/json.hpp"
#include "modules/review/certificates/certificate.hpp"
#include "modules/review/library/library.hpp"
#include "modules/review/reviews.hpp"
#include "modules/review/routes.hpp"

namespace xt::review {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
std::string param(Ctx& ctx, const char* name, size_t max_chars) {
  auto v = ctx.req.query_param(name).value_or("");
  if (json::char_count(v) > max_chars) throw bad_request("request.bad_param", std::string("查询条件过长：") + name, name);
  return v;
}

const LibraryCase& library_case(Ctx& ctx, const Library& lib) {
  auto* k = lib.get(ctx.id_param());
  if (!k) throw not_found("review.library_case_not_found", "案例库中没有这个案例");
  return *k;
}

bj::array strings(const std::vector<std::string>& v) {
  bj::array a;
  for (auto& s : v) a.emplace_back(s);
  return a;
}

// Where the certificate's QR code points: the configured public origin, else this request's host.
std::string origin(Ctx& ctx) {
  if (!ctx.app.config().public_origin.empty()) return ctx.app.config().public_origin;
  auto host = ctx.req.header("Host").value_or(ctx.app.config().host + ":" + std::to_string(ctx.app.config().port));
  return std::string(ctx.app.config().behind_tls ? "https://" : "http://") + host;
}

Response pdf_response(std::string bytes, const std::string& name) {
  Response res;
  res.content_type = "application/pdf";
  res.body = std::move(bytes);
  res.set_header("Content-Disposition", exporting::attachment(name));
  return res;
}

void add_heavy(http::Router& r, const char* m, const char* path, const char* perm, const char* summary, http::Handler h) {
  http::Route route{m, path, perm, "review", summary, 64 * 1024, std::move(h)};
  route.heavy = true;
  r.add(std::move(route));
}

bj::object certificate_json(const CertificateFacts& f) {
  return {{"serial", f.serial}, {"call_title", f.call_title}, {"case_title", f.case_title}, {"units", strings(f.units)},
          {"bureau", f.bureau}, {"issued_on", f.issued_on}, {"genuine", true}};
}
}  // namespace

void register_public_routes(app::App& a) {
  http::ModuleRoutes add(a.router(), "review");
  add("GET", "/api/v1/public/library", http::kPublic, "典型案例库（公开）：关键词、年份、区县、协同形式、聚焦主题、单位类型筛选", [](Ctx& ctx) {
    auto lib = library(ctx.conn());
    LibraryFilter f;
    f.keyword = param(ctx, "keyword", 30);
    f.district = param(ctx, "district", 30);
    f.form = param(ctx, "form", 30);
    f.topic = param(ctx, "topic", 30);
    f.unit_type = param(ctx, "unit_type", 40);
    f.year = (int)app::int_param(ctx.req, "year", 2000, 2100).value_or(0);
    int page = (int)app::int_param(ctx.req, "page", 1, 100000).value_or(1);
    int size = (int)app::int_param(ctx.req, "page_size", 1, 50).value_or(12);
    auto found = lib->find(f);
    bj::array items;
    for (size_t i = (size_t)(page - 1) * size; i < found.size() && items.size() < (size_t)size; ++i) {
      auto& k = *found[i];
      items.push_back(bj::object{{"case_id", k.case_id}, {"title", k.title}, {"year", k.year}, {"call_title", k.call_title},
                                 {"unit_name", k.unit_name}, {"partners", strings(k.partners)}, {"district", k.district}, {"form", k.form},
                                 {"topics", strings(k.topics)}, {"unit_type", k.unit_type_label}, {"snippet", snippet(k, f.keyword)}});
    }
    bj::array years, types;
    for (int y : lib->years) years.push_back(y);
    for (auto& [v, l] : lib->unit_types) types.push_back(bj::object{{"value", v}, {"label", l}});
    bj::object facets{{"years", years}, {"districts", strings(lib->districts)}, {"forms", strings(lib->forms)}, {"topics", strings(lib->topics)},
                      {"unit_types", types}};
    Response res = Response::json(bj::serialize(bj::object{{"items", items}, {"total", (long long)found.size()}, {"page", page},
                                                            {"page_size", size}, {"facets", facets}}));
    res.set_header("Cache-Control", "public, max-age=60");
    return res;
  });
  add("GET", "/api/v1/public/library/{id}", http::kPublic, "案例库中一个案例的全文（附件1体例；不含联系人、电话与作者）", [](Ctx& ctx) {
    auto lib = library(ctx.conn());
    auto& k = library_case(ctx, *lib);
    bj::array sections, evidence;
    for (auto& [h, t] : k.sections) sections.push_back(bj::object{{"heading", h}, {"text", t}});
    for (auto& e : k.evidence) evidence.push_back(bj::object{{"id", e.id}, {"seq", e.seq}, {"name", e.name}, {"pages", e.pages}});
    std::vector<std::string> headings;
    bj::array groups;  // level-1 headings with their level-2 parts, as 附件1 lays them out
    for (auto& sec : k.call.rules.sections) {
      std::string text;
      for (auto& [key, t] : k.k.content.sections)
        if (key == sec.key) text = t;
      if (text.empty()) continue;
      groups.push_back(bj::object{{"group", sec.group}, {"heading", sec.heading}, {"text", text}});
    }
    Response res = Response::json(bj::serialize(bj::object{
        {"case_id", k.case_id}, {"title", k.title}, {"year", k.year}, {"call_title", k.call_title}, {"unit_name", k.unit_name},
        {"partners", strings(k.partners)}, {"district", k.district}, {"form", k.form}, {"topics", strings(k.topics)},
        {"unit_type", k.unit_type_label}, {"practice_start", k.practice_start}, {"still_running", k.still_running}, {"sections", groups},
        {"evidence", evidence}}));
    res.set_header("Cache-Control", "public, max-age=60");
    return res;
  });
  add_heavy(a.router(), "GET", "/api/v1/public/library/{id}/pdf", http::kPublic, "下载案例全文（PDF，附件1体例）", [](Ctx& ctx) {
    auto lib = library(ctx.conn());
    auto& k = library_case(ctx, *lib);
    auto pdf = docs::pdf(cases::facts::document(k.call, k.k, false), cases::facts::layout(k.call));
    return pdf_response(std::move(pdf.bytes), cases::facts::file_name(k.k, "pdf"));
  });
  add("GET", "/api/v1/public/library/{id}/evidence/{evidence}/file", http::kPublic, "下载案例单位公开的佐证材料（PDF）", [](Ctx& ctx) {
    auto lib = library(ctx.conn());
    auto& k = library_case(ctx, *lib);
    long long eid = ctx.id_param("evidence");
    for (auto& e : k.evidence)
      if (e.id == eid) return app::stored_file(ctx, e.sha256, "application/pdf", std::to_string(e.seq) + "_" + e.name + ".pdf");
    throw not_found("review.evidence_not_found", "这份佐证材料不存在或未公开");
  });
  add("GET", "/api/v1/public/certificates/{serial}", http::kPublic, "核验荣誉证书编号（只回答真伪及证书上印有的内容）", [](Ctx& ctx) {
    auto serial = ctx.req.params.at("serial");
    return Response::json(bj::serialize(certificate_json(verify_certificate(ctx.conn(), serial))));
  });

  // Certificates for those who received them.
  add_heavy(a.router(), "GET", "/api/v1/review/certificates/case/{id}", http::kLogin, "下载本单位（或本区县推荐的）入选案例的荣誉证书（PDF）", [](Ctx& ctx) {
    auto f = certificate_of_case(ctx.conn(), ctx.principal(), ctx.id_param());
    return pdf_response(certificate_pdf(f, verify_url(origin(ctx), f.serial)), certificate_file_name(f));
  });
  add_heavy(a.router(), "GET", "/api/v1/reviews/{id}/certificates.zip", kManagePerm, "下载全部荣誉证书（ZIP）", [](Ctx& ctx) {
    auto r = get_review(ctx.conn(), ctx.id_param());
    if (r.status != "published") throw conflict("review.not_published", "评审结果发布后才有荣誉证书");
    std::vector<std::pair<std::string, std::string>> entries;
    auto o = origin(ctx);
    for (auto& f : certificates_of_review(ctx.conn(), r.id)) entries.push_back({certificate_file_name(f), certificate_pdf(f, verify_url(o, f.serial))});
    Response res;
    res.content_type = "application/zip";
    res.body = docs::zip_archive(entries);
    res.set_header("Content-Disposition", exporting::attachment("荣誉证书_" + std::to_string(entries.size()) + "份.zip"));
    audit::Event e{"review:certificates:export", "review", std::to_string(r.id)};
    e.detail["certificates"] = (long long)entries.size();
    db::Tx tx(ctx.conn(), true);
    audit::record(ctx.conn(), ctx.actor(), e);
    tx.commit();
    return res;
  });
}
}  // namespace xt::review
