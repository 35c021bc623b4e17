// Method + path router with {name} captures. Every route names its permission:
// a code "module:entity:action", "login" (any signed-in user) or "public".
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/http/types.hpp"

namespace xt::app { struct Ctx; }

namespace xt::http {

using Handler = std::function<Response(app::Ctx&)>;

inline constexpr const char* kPublic = "public";
inline constexpr const char* kLogin = "login";

// A field of a route's JSON answer shown masked (138****5678) unless the caller holds
// `unmask_perm`; `how` is "phone", "id_card", "name" or "all".
struct MaskedField {
  std::string field, how, unmask_perm;
};

struct Route {
  std::string method;
  std::string path;        // "/api/v1/units/{id}"
  std::string perm;        // permission code, "login" or "public"
  std::string module;      // OpenAPI tag
  std::string summary;     // Chinese one-liner
  size_t body_limit = 64 * 1024;
  Handler handler;
  bool audit = true;       // writes are audited unless the handler does it itself
  bool upload = false;     // stream the body to a temp file (req.body_file); limit = max upload size
  bool heavy = false;      // builds a document: runs on the document pool, never delaying the API
  std::vector<MaskedField> masks = {};  // applied by the pipeline to every JSON answer
  bool is_write() const { return method != "GET" && method != "HEAD"; }
};

bool valid_permission(const std::string& perm);

class Router;
// The routes of one module, added as add(method, path, permission, summary, handler[, body
// limit]); add.route(r) for a route with more settings (uploads, masks), tagged the same way.
class ModuleRoutes {
 public:
  ModuleRoutes(Router& r, std::string module, size_t body_limit = 64 * 1024, bool audit = true)
      : router_(r), module_(std::move(module)), limit_(body_limit), audit_(audit) {}
  void operator()(const char* method, const char* path, const char* perm, const char* summary, Handler h, size_t limit = 0) const;
  void route(Route r) const;

 private:
  Router& router_;
  std::string module_;
  size_t limit_;
  bool audit_;
};

class Router {
 public:
  Router();
  ~Router();
  void add(Route r);  // throws std::logic_error on a missing or malformed permission, or a duplicate

  enum class Outcome { Found, NotFound, MethodNotAllowed };
  struct Match {
    Outcome outcome = Outcome::NotFound;
    const Route* route = nullptr;
    std::map<std::string, std::string> params;
    std::string allow;  // for 405
  };
  Match match(const std::string& method, const std::string& path) const;
  const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

 private:
  struct Node;
  std::unique_ptr<Node> root_;
  std::vector<std::unique_ptr<Route>> routes_;
};
}  // namespace xt::http
