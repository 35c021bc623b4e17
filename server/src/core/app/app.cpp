#include "core/app/app.hpp"

#include "core/db/versioned_cache.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/access/catalog.hpp"
#include "core/access/mask.hpp"
#include "core/files/backends.hpp"
#include "core/files/retention.hpp"

namespace xt::app {

App::App(Config cfg) : cfg_(std::move(cfg)), sessions_(cfg_) {
  db_ = std::make_unique<db::Database>(cfg_.db_url, (size_t)(cfg_.workers + cfg_.upload_workers + 2 * cfg_.doc_workers + 2),
                                       cfg_.sqlite_synchronous == "full");
  uploads_ = files::open_store(cfg_, "uploads", "files");
  generated_ = files::open_store(cfg_, "generated", "generated");
  docs_pool_ = std::make_unique<boost::asio::thread_pool>((size_t)std::max(1, cfg_.doc_workers));
  files::register_reference(generated_->name(), "document_cache", "sha256");
  queue_ = std::make_unique<jobs::Queue>(*db_, *generated_, tmp_dir(), cfg_.doc_workers, cfg_.job_lease_s * 1000LL);
}
App::~App() {
  jobs_.stop();
  queue_->stop();
  docs_pool_->join();
}

std::string App::session_cookie(const std::string& token, bool clear) const {
  std::string c = cookie_name() + "=" + (clear ? "" : token) + "; Path=/; HttpOnly; SameSite=Strict";
  if (cfg_.behind_tls) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

http::Response App::error_response(const ApiError& e, const std::string& rid) {
  auto r = http::Response::json(error_body(e.code, e.what(), e.field), e.status);
  if (e.status == 401) r.set_header("WWW-Authenticate", "Cookie");
  return r;
}

namespace {
void check_origin(const http::Request& req, const Config& cfg) {
  if (auto site = req.header("sec-fetch-site"); site && *site == "cross-site")
    throw forbidden("auth.cross_site", "拒绝来自其他站点的请求");
  auto origin = req.header("origin");
  if (!origin) return;
  if (!cfg.public_origin.empty()) {
    if (*origin == cfg.public_origin) return;
  } else if (auto host = req.header("host")) {
    if (*origin == "http://" + *host || *origin == "https://" + *host) return;
  }
  throw forbidden("auth.bad_origin", "请求来源不被信任：" + *origin);
}

void check_csrf(const http::Request& req, const std::string& expected) {
  auto t = req.header("x-csrf-token");
  if (!t || t->size() != expected.size() || sodium_memcmp(t->data(), expected.data(), expected.size()) != 0)
    throw forbidden("auth.csrf", "缺少或无效的 CSRF 令牌，请刷新页面后重试");
}

bool allowed_while_must_change(const std::string& path) {
  return path == "/api/v1/auth/me" || path == "/api/v1/auth/password" || path == "/api/v1/auth/logout" ||
         path == "/api/v1/dicts";
}
}  // namespace

void App::admit(Ctx& ctx) {
  auto& req = ctx.req;
  auto& route = ctx.route;
  if (route.perm != http::kPublic) {
    auto tok = req.cookie(cookie_name());
    if (!tok || tok->empty()) throw ApiError(401, "auth.required", "请先登录");
    auth::Sessions::Versions read;
    ctx.session = sessions_.resolve(ctx.conn(), *tok, &read);  // the request's own connection
    if (ctx.session) ctx.versions = read;
    if (!ctx.session) throw ApiError(401, "auth.session_expired", "登录已过期或已退出，请重新登录");
    if (route.is_write()) {
      check_origin(req, cfg_);
      check_csrf(req, ctx.session->csrf);
    }
    auto& p = ctx.session->principal;
    if (p.must_change_password && !allowed_while_must_change(route.path))
      throw forbidden("auth.password_change_required", "首次登录或密码已重置，请先修改密码");
    if (route.perm != http::kLogin && !p.can(route.perm))
      throw forbidden("access.denied", "没有执行此操作的权限（" + route.perm + "）");
  } else if (route.is_write()) {
    check_origin(req, cfg_);
  }
}

namespace {
// Reads under a permission that asks for it are audited, refused ones included.
bool audits_reads(const http::Route& route) {
  if (route.is_write()) return false;
  auto* info = access::find_permission(route.perm);
  return info && info->audit_reads;
}

// The generic audit row of a write whose handler wrote none of its own.
audit::Event route_event(const Ctx& ctx) {
  audit::Event e;
  e.action = ctx.route.perm;
  e.object_type = ctx.route.module;
  e.object_id = ctx.req.params.count("id") ? ctx.req.params.at("id") : "";
  return e;
}
http::Response internal_error(const http::Request& req, const char* stage, const std::exception& e) {
  spdlog::error("rid={} {} {} {}: {}", req.request_id, req.method, req.path, stage, e.what());
  return App::error_response(ApiError(500, "internal", "服务器内部错误，请稍后重试（请求编号 " + req.request_id + "）"), req.request_id);
}
}  // namespace

void App::audit_refusal(Ctx& ctx, const ApiError& e) {
  bool refused_read = audits_reads(ctx.route) || e.code == "access.unmask_denied";
  if ((!ctx.route.is_write() && !refused_read) || !ctx.session || ctx.audited) return;
  try {
    auto& c = ctx.conn();
    db::Tx tx(c, true);
    auto ev = route_event(ctx);
    ev.result = "failure";
    ev.error_code = e.code;
    if (!ctx.route.is_write()) ev.detail["read"] = ctx.req.target;
    audit::record(c, ctx.actor(), ev);
    tx.commit();
  } catch (const std::exception& ae) {
    spdlog::error("rid={} audit of a refused request failed: {}", ctx.req.request_id, ae.what());
  }
}

std::optional<http::Response> App::preflight(http::Request& req, const http::Route& route) {
  Ctx ctx(*this, req, route);
  try {
    admit(ctx);
    return std::nullopt;
  } catch (const ApiError& e) {
    audit_refusal(ctx, e);
    return error_response(e, req.request_id);
  } catch (const std::exception& e) {
    return internal_error(req, "preflight failed", e);
  }
}

namespace {
// The route's masked fields, for whoever does not hold their unmask permission; ?unmask=1 asks
// for them whole and is refused without it.
void apply_masks(Ctx& ctx, http::Response& res, bool& unmasked) {
  auto& route = ctx.route;
  if (route.masks.empty()) return;
  static const access::Principal nobody;
  auto& p = ctx.session ? ctx.session->principal : nobody;
  auto masked = access::masked_for(p, route.masks);
  auto want = ctx.req.query_param("unmask").value_or("0");
  if (want != "0" && want != "1") throw bad_request("request.bad_param", "unmask 只能是 0 或 1", "unmask");
  if (want == "1" && !masked.empty()) throw forbidden("access.unmask_denied", "没有查看完整信息的权限（" + masked.front().unmask_perm + "）");
  unmasked = want == "1";
  if (masked.empty() || res.content_type.rfind("application/json", 0) != 0 || res.body.empty()) return;
  boost::system::error_code ec;
  auto v = boost::json::parse(res.body, ec);
  if (ec) return;
  if (access::apply_masks(v, masked) > 0) res.body = boost::json::serialize(v);
}
}  // namespace

http::Response App::handle(http::Request& req, const http::Route& route) {
  Ctx ctx(*this, req, route);
  auto audited_before = audit::written_on_this_thread();
  try {
    admit(ctx);
    auto res = route.handler(ctx);
    bool unmasked = false;
    apply_masks(ctx, res, unmasked);
    bool wrote_own = ctx.audited || audit::written_on_this_thread() != audited_before;
    if (route.is_write() && route.audit && !wrote_own && ctx.session) {
      auto& c = ctx.conn();
      db::Tx tx(c, true);
      audit::record(c, ctx.actor(), route_event(ctx));
      tx.commit();
    } else if ((audits_reads(route) || unmasked) && ctx.session) {
      auto& c = ctx.conn();
      db::Tx tx(c, true);
      auto e = route_event(ctx);
      e.detail["read"] = req.target;
      if (unmasked) e.detail["unmasked"] = true;
      audit::record(c, ctx.actor(), e);
      tx.commit();
    }
    return res;
  } catch (const ApiError& e) {
    audit_refusal(ctx, e);
    return error_response(e, req.request_id);
  } catch (const std::exception& e) {
    return internal_error(req, "failed", e);
  }
}

const access::Principal& Ctx::principal() const {
  if (!session) throw ApiError(401, "auth.required", "请先登录");
  return session->principal;
}

db::Conn& Ctx::conn() {
  if (!lease_) lease_ = app.db().lease();
  return lease_->conn;
}

audit::Actor Ctx::actor() const {
  audit::Actor a;
  if (session) {
    a.user_id = session->principal.user_id;
    a.username = session->principal.username;
    a.unit_id = session->principal.unit_id;
    a.unit_name = session->principal.unit_name;
  }
  a.ip = req.remote_ip;
  a.request_id = req.request_id;
  return a;
}

void Ctx::audit(const audit::Event& e) {
  audit::record(conn(), actor(), e);
  audited = true;
}

long long Ctx::data_version(const std::string& name) {
  if (versions && name == "units") return versions->units;
  if (versions && name == "grants") return versions->grants;
  return db::data_version(conn(), name);
}

long long Ctx::id_param(const char* name) const {
  auto it = req.params.find(name);
  if (it == req.params.end() || it->second.empty() || it->second.size() > 18 ||
      !std::all_of(it->second.begin(), it->second.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw not_found("request.bad_id", "找不到该记录（编号无效）");
  return std::stoll(it->second);
}

std::optional<long long> int_param(const http::Request& req, const char* name, long long lo, long long hi) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  auto refuse = [&] {
    return bad_request("request.bad_param", std::string("参数 ") + name + " 应为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 之间的整数", name);
  };
  bool neg = (*v)[0] == '-';
  auto digits = v->substr(neg ? 1 : 0);
  if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string::npos) throw refuse();
  long long x = std::stoll(digits) * (neg ? -1 : 1);
  if (x < lo || x > hi) throw refuse();
  return x;
}

Page page_from(const http::Request& req, const std::vector<std::string>& sortable, const std::string& default_sort, bool default_desc) {
  Page p;
  auto num = [&](const char* k, int lo, int hi, int def) {
    auto v = req.query_param(k);
    if (!v || v->empty()) return def;
    try {
      size_t pos;
      int x = std::stoi(*v, &pos);
      if (pos != v->size() || x < lo || x > hi) throw 1;
      return x;
    } catch (...) {
      throw bad_request("request.bad_paging", std::string("参数 ") + k + " 应为 " + std::to_string(lo) + "–" + std::to_string(hi) + " 之间的整数", k);
    }
  };
  p.page = num("page", 1, 1000000, 1);
  p.size = num("page_size", 1, 200, 20);
  p.sort = default_sort;
  p.desc = default_desc;
  if (auto s = req.query_param("sort"); s && !s->empty()) {
    if (std::find(sortable.begin(), sortable.end(), *s) == sortable.end())
      throw bad_request("request.bad_sort", "不支持按该列排序：" + *s, "sort");
    p.sort = *s;
  }
  if (auto o = req.query_param("order"); o && !o->empty()) {
    if (*o != "asc" && *o != "desc") throw bad_request("request.bad_order", "排序方向应为 asc 或 desc", "order");
    p.desc = *o == "desc";
  }
  return p;
}

std::string list_json(boost::json::array items, long long total, const Page& p) {
  return boost::json::serialize(boost::json::object{{"items", std::move(items)}, {"total", total}, {"page", p.page}, {"page_size", p.size}});
}

std::string list_json(const std::vector<std::string_view>& items, long long total, const Page& p) {
  size_t n = 64;
  for (auto& i : items) n += i.size() + 1;
  std::string out;
  out.reserve(n);
  out += "{\"items\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += items[i];
  }
  out += "],\"total\":" + std::to_string(total) + ",\"page\":" + std::to_string(p.page) + ",\"page_size\":" + std::to_string(p.size) + "}";
  return out;
}
}  // namespace xt::app
