#include "core/http/router.hpp"

#include <regex>
#include <stdexcept>

namespace xt::http {

struct Router::Node {
  std::map<std::string, std::unique_ptr<Node>> literal;
  std::unique_ptr<Node> param;
  std::string param_name;
  std::map<std::string, const Route*> methods;
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;

static std::vector<std::string> split(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') { ++i; continue; }
    auto j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

bool valid_permission(const std::string& perm) {
  if (perm == kPublic || perm == kLogin) return true;
  static const std::regex re("^[a-z]+:[a-z-]+:[a-z-]+$");
  return std::regex_match(perm, re);
}

void Router::add(Route r) {
  if (r.perm.empty()) throw std::logic_error("route " + r.method + " " + r.path + " declares no permission");
  if (!valid_permission(r.perm)) throw std::logic_error("route " + r.method + " " + r.path + " has a malformed permission: " + r.perm);
  if (!r.handler) throw std::logic_error("route " + r.method + " " + r.path + " has no handler");
  Node* n = root_.get();
  for (auto& seg : split(r.path)) {
    if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
      auto name = seg.substr(1, seg.size() - 2);
      if (!n->param) { n->param = std::make_unique<Node>(); n->param_name = name; }
      else if (n->param_name != name) throw std::logic_error("conflicting capture names at " + r.path);
      n = n->param.get();
    } else {
      auto& child = n->literal[seg];
      if (!child) child = std::make_unique<Node>();
      n = child.get();
    }
  }
  if (n->methods.count(r.method)) throw std::logic_error("duplicate route " + r.method + " " + r.path);
  routes_.push_back(std::make_unique<Route>(std::move(r)));
  n->methods[routes_.back()->method] = routes_.back().get();
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  const Node* n = root_.get();
  for (auto& seg : split(path)) {
    auto it = n->literal.find(seg);
    if (it != n->literal.end()) { n = it->second.get(); continue; }  // literals win over captures
    if (n->param) { m.params[n->param_name] = seg; n = n->param.get(); continue; }
    return m;
  }
  if (n->methods.empty()) return m;
  auto it = n->methods.find(method == "HEAD" ? (n->methods.count("HEAD") ? "HEAD" : "GET") : method);
  if (it == n->methods.end()) {
    m.outcome = Outcome::MethodNotAllowed;
    for (auto& [meth, _] : n->methods) m.allow += (m.allow.empty() ? "" : ", ") + meth;
    m.params.clear();
    return m;
  }
  m.outcome = Outcome::Found;
  m.route = it->second;
  return m;
}
void ModuleRoutes::operator()(const char* method, const char* path, const char* perm, const char* summary, Handler h, size_t limit) const {
  Route r{method, path, perm, module_, summary, limit ? limit : limit_, std::move(h)};
  r.audit = audit_;
  router_.add(std::move(r));
}

void ModuleRoutes::route(Route r) const {
  r.module = module_;
  router_.add(std::move(r));
}
}  // namespace xt::http
