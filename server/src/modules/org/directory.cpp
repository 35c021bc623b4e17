#include "modules/org/directory.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "core/db/versioned_cache.hpp"
#include "modules/org/json.hpp"
#include "modules/org/repo.hpp"

namespace xt::org::directory {

Snapshot::Snapshot(long long version, std::vector<Unit> all, std::vector<bool> deleted) : version_(version) {
  // Paths follow the parent chain (deleted ancestors keep their names, as in the closure);
  // has_children counts live children only.
  std::unordered_map<long long, size_t> at;
  for (size_t i = 0; i < all.size(); ++i) at[all[i].id] = i;
  std::vector<int> state(all.size(), 0);  // 0 = not yet, 1 = in progress, 2 = done
  std::function<void(size_t)> path_of = [&](size_t i) {
    if (state[i] == 2) return;
    auto& u = all[i];
    std::string parent_path;
    if (u.parent_id && state[i] == 0) {
      state[i] = 1;
      auto it = at.find(*u.parent_id);
      if (it != at.end() && state[it->second] != 1) {
        path_of(it->second);
        parent_path = all[it->second].path;
      }
    }
    u.path = parent_path.empty() ? u.name : parent_path + " / " + u.name;
    state[i] = 2;
  };
  for (size_t i = 0; i < all.size(); ++i) path_of(i);
  for (size_t i = 0; i < all.size(); ++i)
    if (!deleted[i] && all[i].parent_id)
      if (auto it = at.find(*all[i].parent_id); it != at.end()) all[it->second].has_children = true;
  for (size_t i = 0; i < all.size(); ++i)
    if (!deleted[i]) live_.push_back(std::move(all[i]));
  for (size_t i = 0; i < live_.size(); ++i) index_[live_[i].id] = i;
  json_.reserve(live_.size());
  for (auto& u : live_) json_.push_back(boost::json::serialize(unit_json(u)));
  for (int col = 0; col < 3; ++col)
    for (int desc = 0; desc < 2; ++desc) {
      auto& o = orders_[col * 2 + desc];
      o.resize(live_.size());
      for (size_t i = 0; i < o.size(); ++i) o[i] = (unsigned)i;
      std::sort(o.begin(), o.end(), [&](unsigned x, unsigned y) {
        auto &a = live_[x], &b = live_[y];
        int cmp = col == ByCode ? a.code.compare(b.code) : col == ByName ? a.name.compare(b.name) : (a.sort > b.sort) - (a.sort < b.sort);
        if (cmp != 0) return desc ? cmp > 0 : cmp < 0;
        return a.id < b.id;
      });
    }
}

const Unit* Snapshot::find(long long id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &live_[it->second];
}

long long Snapshot::district_of(const Unit& u) const {
  const Unit* x = &u;
  for (int guard = 0; x && guard < 64; ++guard) {
    if (x->type == "district_bureau") return x->id;
    x = x->parent_id ? find(*x->parent_id) : nullptr;
  }
  return 0;
}

std::shared_ptr<const std::vector<char>> Snapshot::visible(db::Conn& c, const access::Principal& p, const std::string& perm,
                                                          bool as_parent) const {
  auto key = access::scope_key(p, perm) + (as_parent ? "#unit" : "") + "#" + perm;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = visible_.find(key); it != visible_.end()) return it->second;
  }
  auto set = std::make_shared<std::vector<char>>(live_.size(), 0);
  for (auto id : repo::visible_unit_ids(c, p, perm, as_parent))
    if (auto it = index_.find(id); it != index_.end()) (*set)[it->second] = 1;
  std::lock_guard<std::mutex> lock(mu_);
  if (visible_.size() >= 4096) visible_.clear();  // many scopes seen within one version: start over
  visible_[key] = set;
  return set;
}

std::shared_ptr<const Snapshot> current(db::Conn& c, std::optional<long long> known_version) {
  static std::mutex mu, build_mu;
  static std::map<unsigned long long, std::shared_ptr<const Snapshot>> latest;  // by database
  auto cached = [&](long long version) -> std::shared_ptr<const Snapshot> {
    std::lock_guard<std::mutex> lock(mu);
    auto it = latest.find(c.database());
    return it != latest.end() && it->second->version() == version ? it->second : nullptr;
  };
  // The version is read before the rows: a write between the two leaves a snapshot newer than
  // its label, which the next read replaces; never one older than its label.
  auto version = known_version ? *known_version : db::data_version(c, "units");
  if (auto hit = cached(version)) return hit;
  std::lock_guard<std::mutex> building(build_mu);
  if (auto hit = cached(version)) return hit;
  std::vector<Unit> units;
  std::vector<bool> deleted;
  for (auto& [u, d] : repo::all_units(c)) {
    units.push_back(std::move(u));
    deleted.push_back(d);
  }
  auto snap = std::make_shared<const Snapshot>(version, std::move(units), std::move(deleted));
  std::lock_guard<std::mutex> lock(mu);
  auto& slot = latest[c.database()];
  if (!slot || slot->version() <= version) slot = snap;
  return snap;
}

namespace {
char lower(char ch) { return ch >= 'A' && ch <= 'Z' ? char(ch - 'A' + 'a') : ch; }

// `needle` (already lower-cased) inside `hay`, ASCII letters in either case.
bool contains(const std::string& hay, const std::string& needle) {
  if (needle.size() > hay.size()) return false;
  auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) { return lower(a) == b; });
  return it != hay.end();
}
}  // namespace

std::vector<Unit> Listing::units() const {
  std::vector<Unit> out;
  for (auto i : page) out.push_back(snapshot->units()[i]);
  return out;
}

std::vector<std::string_view> Listing::json() const {
  std::vector<std::string_view> out;
  for (auto i : page) out.push_back(snapshot->json(i));
  return out;
}

Listing list(db::Conn& c, const access::Principal& p, const UnitFilter& f, const app::Page& pg, std::optional<long long> version) {
  static const std::string perm = "org:unit:list";
  auto snap = current(c, version);
  auto& units = snap->units();
  auto vis = snap->visible(c, p, perm, false);
  std::shared_ptr<const std::vector<char>> parent_vis;
  if (f.parent_id && *f.parent_id == 0) parent_vis = snap->visible(c, p, perm, true);
  std::string kw;
  for (char ch : f.keyword) kw += lower(ch);

  auto col = pg.sort == "code" ? Snapshot::ByCode : pg.sort == "name" ? Snapshot::ByName : Snapshot::BySort;
  // Walk the units in list order: every match counts, the ones of the page are kept.
  long long from = pg.offset(), to = from + pg.size;
  Listing out;
  out.snapshot = snap;
  for (auto i : snap->order(col, pg.desc)) {
    if (!(*vis)[i]) continue;
    auto& u = units[i];
    if (f.parent_id) {
      if (*f.parent_id == 0) {
        // The caller's top units: no parent, a deleted parent, or a parent out of scope.
        if (u.parent_id) {
          auto* parent = snap->find(*u.parent_id);
          if (parent && (*parent_vis)[size_t(parent - units.data())]) continue;
        }
      } else if (u.parent_id != f.parent_id) {
        continue;
      }
    }
    if (!kw.empty() && !contains(u.name, kw) && !contains(u.code, kw)) continue;
    if (!f.type.empty() && u.type != f.type) continue;
    if (!f.status.empty() && u.status != f.status) continue;
    if (out.total >= from && out.total < to) out.page.push_back(i);
    ++out.total;
  }
  return out;
}
}  // namespace xt::org::directory
