// The application: configuration, database, router, sessions, and the request pipeline
// (session → CSRF → permission → handler → audit → error envelope). No Beast here.
#pragma once
#include <optional>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "core/app/caller.hpp"
#include "core/audit/audit.hpp"
#include "core/auth/session.hpp"
#include <boost/asio/thread_pool.hpp>

#include "core/files/store.hpp"
#include "core/jobs/queue.hpp"
#include "core/config/config.hpp"
#include "core/db/db.hpp"
#include "core/http/errors.hpp"
#include "core/http/router.hpp"
#include "core/jobs/jobs.hpp"
#include "core/json/json.hpp"

namespace xt::app {

struct Ctx;

class App {
 public:
  explicit App(Config cfg);
  ~App();
  Config& config() { return cfg_; }
  db::Database& db() { return *db_; }
  http::Router& router() { return router_; }
  auth::Sessions& sessions() { return sessions_; }
  jobs::Jobs& jobs() { return jobs_; }
  // Uploaded files, and documents the server generated (kept apart so that superseded ones can
  // go without touching anything a user uploaded); temporary files under tmp_dir().
  files::Store& uploads() { return *uploads_; }
  files::Store& generated() { return *generated_; }
  std::string tmp_dir() const { return cfg_.data_dir + "/tmp"; }
  files::Stores stores() { return {*uploads_, *generated_, tmp_dir()}; }
  jobs::Queue& queue() { return *queue_; }
  // The pool for documents answered at once (a case's DOCX, an XLSX table): apart from the
  // API's workers and from the job queue, so that a download does not wait for a package.
  boost::asio::thread_pool& docs_pool() { return *docs_pool_; }
  std::string cookie_name() const { return cfg_.behind_tls ? "__Host-xt_session" : "xt_session"; }
  std::string session_cookie(const std::string& token, bool clear = false) const;

  http::Response handle(http::Request& req, const http::Route& route);
  // Before an upload's body is read: the same session, origin, CSRF and permission checks as
  // handle(), without the handler. The refusal to send, or nothing when the body may come.
  std::optional<http::Response> preflight(http::Request& req, const http::Route& route);
  static http::Response error_response(const ApiError& e, const std::string& request_id = {});

 private:
  void admit(Ctx& ctx);
  void audit_refusal(Ctx& ctx, const ApiError& e);
  Config cfg_;
  std::unique_ptr<db::Database> db_;
  http::Router router_;
  auth::Sessions sessions_;
  std::unique_ptr<files::Store> uploads_, generated_;
  std::unique_ptr<boost::asio::thread_pool> docs_pool_;
  std::unique_ptr<jobs::Queue> queue_;  // stopped before the database goes
  jobs::Jobs jobs_;  // declared last: stopped before the database goes
};

struct Ctx {
  App& app;
  http::Request& req;
  const http::Route& route;
  std::shared_ptr<const auth::Resolved> session;
  std::optional<auth::Sessions::Versions> versions;  // read with the session check
  bool audited = false;

  Ctx(App& a, http::Request& r, const http::Route& rt) : app(a), req(r), route(rt) {}
  const access::Principal& principal() const;
  db::Conn& conn();
  audit::Actor actor() const;
  void audit(const audit::Event& e);  // inside the caller's write transaction
  boost::json::value body() const { return json::parse(req.body); }
  long long id_param(const char* name = "id") const;
  Caller caller() const { return Caller{principal(), actor()}; }
  // A data version (db::data_version) as this request first read it: "units" and "grants"
  // come with the session check at no cost; others are read now.
  long long data_version(const std::string& name);

 private:
  std::unique_ptr<db::Lease> lease_;
};

// Paging and sorting taken from the query string.
struct Page {
  int page = 1;
  int size = 20;
  std::string sort;
  bool desc = false;
  long long offset() const { return (long long)(page - 1) * size; }
};
// An optional integer query parameter within [lo, hi]: absent or empty gives nullopt; anything
// else but such an integer is a 400 request.bad_param naming the parameter.
inline constexpr long long kMaxId = 999999999999999999LL;  // 18 digits, as id_param() takes
std::optional<long long> int_param(const http::Request& req, const char* name, long long lo, long long hi);
Page page_from(const http::Request& req, const std::vector<std::string>& sortable, const std::string& default_sort, bool default_desc = false);
std::string list_json(boost::json::array items, long long total, const Page& p);
// The same text from items already rendered as JSON.
std::string list_json(const std::vector<std::string_view>& items, long long total, const Page& p);
}  // namespace xt::app
