// The one enforcement point: authorize() against a role-matrix oracle over random unit trees,
// and scope_filter() selecting exactly the rows authorize() allows on a real SQLite database.
#include "core/access/access.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace xt::access {
namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "xt-access-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

constexpr long long kUnknownUnit = 999;  // a unit id present in no tree

// A forest of units: ids[i] has parent ids[parent[i]] (or none when parent[i] < 0).
struct Forest {
  std::vector<long long> ids;
  std::vector<int> parent;
};

// The tree as authorize() sees it in memory: walks up the parent chain.
class MemTree : public UnitTree {
 public:
  explicit MemTree(const Forest& f) {
    for (size_t i = 0; i < f.ids.size(); ++i)
      if (f.parent[i] >= 0) parent_[f.ids[i]] = f.ids[f.parent[i]];
  }
  bool within(long long unit, long long ancestor) const override {
    long long cur = unit;
    for (;;) {
      if (cur == ancestor) return true;
      auto it = parent_.find(cur);
      if (it == parent_.end()) return false;
      cur = it->second;
    }
  }

 private:
  std::map<long long, long long> parent_;
};

// The oracle: a plain role matrix. For each permission code, the principal's grants are
// checked one by one; a unit's subtree is computed downwards from children lists, which is
// a different walk from MemTree's and from the closure table.
class Oracle {
 public:
  explicit Oracle(const Forest& f) {
    std::map<long long, std::vector<long long>> kids;
    for (size_t i = 0; i < f.ids.size(); ++i)
      if (f.parent[i] >= 0) kids[f.ids[f.parent[i]]].push_back(f.ids[i]);
    for (auto id : f.ids) {
      std::set<long long>& s = subtree_[id];
      std::vector<long long> stack{id};
      while (!stack.empty()) {
        auto u = stack.back();
        stack.pop_back();
        s.insert(u);
        for (auto k : kids[u]) stack.push_back(k);
      }
    }
  }
  bool in_subtree(long long unit, long long root) const {
    auto it = subtree_.find(root);
    if (it == subtree_.end()) return unit == root;
    return it->second.count(unit) > 0;
  }
  bool allows(const Principal& p, const std::string& perm, const Record& r) const {
    auto it = p.grants.find(perm);
    if (it == p.grants.end()) return false;  // deny by default
    for (auto& g : it->second) {
      if (g.kind == "all") return true;
      if (g.kind == "own_unit" && r.owner_unit_id == p.unit_id) return true;
      if (g.kind == "subtree" && in_subtree(r.owner_unit_id, p.unit_id)) return true;
      if (g.kind == "self" && r.creator_id == p.user_id) return true;
      if (g.kind == "custom")
        for (auto u : g.units)
          if (u == r.owner_unit_id) return true;
    }
    return false;
  }

 private:
  std::map<long long, std::set<long long>> subtree_;
};

const std::vector<std::string> kPerms = {"org:unit:list", "org:user:list"};
const std::string kNeverGranted = "never:granted:perm";

// Full-range draws: rapidcheck scales ranges by its size parameter, which starts at 0, so
// without this the first cases would all be one-unit trees without grants.
constexpr int kFullSize = 100;
int pick(int lo, int hi) { return *rc::gen::resize(kFullSize, rc::gen::inRange(lo, hi)); }
long long pick_of(const std::vector<long long>& v) { return *rc::gen::resize(kFullSize, rc::gen::elementOf(v)); }

Forest gen_forest() {
  const int n = pick(1, 13);
  Forest f;
  for (int i = 0; i < n; ++i) {
    f.ids.push_back(10 + 3 * i);  // not contiguous, not starting at 1
    f.parent.push_back(i == 0 ? -1 : pick(-1, i));
  }
  return f;
}

ScopeGrant gen_grant(const Forest& f) {
  ScopeGrant g;
  g.kind = *rc::gen::resize(kFullSize, rc::gen::weightedElement<std::string>({{1, "all"}, {3, "subtree"}, {3, "own_unit"}, {3, "self"},
                                                                             {3, "custom"}, {1, "relationship_unregistered"}}));
  if (g.kind == "custom") {
    auto all_units = f.ids;
    all_units.push_back(kUnknownUnit);
    const int k = pick(0, 4);
    for (int i = 0; i < k; ++i) g.units.push_back(pick_of(all_units));
  }
  return g;
}

Principal gen_principal(const Forest& f, bool unit_in_tree) {
  Principal p;
  p.user_id = pick(1, 5);
  // Often the first root (which has a subtree worth the name), else any unit; outside the
  // tree now and then (only for the in-memory property).
  const int where = pick(0, 10);
  if (!unit_in_tree && where == 0) p.unit_id = kUnknownUnit;
  else if (where < 5) p.unit_id = f.ids[0];
  else p.unit_id = pick_of(f.ids);
  for (auto& perm : kPerms) {
    const int shape = pick(0, 5);
    if (shape == 0) continue;                           // no grant for this code
    auto& list = p.grants[perm];                        // shape 1: present but empty
    for (int i = 1; i < shape; ++i) list.push_back(gen_grant(f));
  }
  return p;
}

std::vector<Record> gen_records(const Forest& f, int n) {
  auto owners = f.ids;
  owners.push_back(kUnknownUnit);
  std::vector<Record> out;
  for (int i = 0; i < n; ++i) {
    Record r;
    r.id = i + 1;
    r.owner_unit_id = pick_of(owners);
    r.creator_id = pick(1, 5);
    out.push_back(r);
  }
  return out;
}

std::string describe(const Principal& p) {
  std::ostringstream o;
  o << "user " << p.user_id << " unit " << p.unit_id;
  for (auto& [perm, gs] : p.grants) {
    o << " | " << perm << ":";
    for (auto& g : gs) {
      o << " " << g.kind;
      if (g.kind == "custom") {
        o << "{";
        for (auto u : g.units) o << u << ",";
        o << "}";
      }
    }
  }
  return o.str();
}

TEST(AccessProperty, AuthorizeAgreesWithTheRoleMatrix) {
  long long allowed = 0, denied = 0;
  bool ok = rc::check("authorize() == oracle over random trees, principals and records", [&] {
    auto f = gen_forest();
    auto p = gen_principal(f, false);
    auto recs = gen_records(f, 15);
    MemTree tree(f);
    Oracle oracle(f);
    RC_LOG() << describe(p) << "\n";
    for (auto& perm : kPerms) {
      for (auto& r : recs) {
        bool want = oracle.allows(p, perm, r);
        RC_ASSERT(authorize(p, perm, r, tree) == want);
        (want ? allowed : denied)++;
        // acting in a unit is authorize() with the principal as creator
        Record mine{r.owner_unit_id, p.user_id, 0, {}};
        RC_ASSERT(may_act_in_unit(p, perm, r.owner_unit_id, tree) == oracle.allows(p, perm, mine));
      }
    }
    for (auto& r : recs) RC_ASSERT(!authorize(p, kNeverGranted, r, tree));
  });
  EXPECT_TRUE(ok);
  // The generators reach both answers often, so the property is not vacuous.
  EXPECT_GT(allowed, 100);
  EXPECT_GT(denied, 100);
}

// ---------- fixed cases, one per scope kind ----------

// city(1) ─ district(2) ─ school(3)
//        └ district(4)
Forest fixed_forest() { return Forest{{1, 2, 3, 4}, {-1, 0, 1, 0}}; }

Principal at_district(std::vector<ScopeGrant> gs, const std::string& perm = "org:unit:list") {
  Principal p;
  p.user_id = 50;
  p.unit_id = 2;
  p.grants[perm] = std::move(gs);
  return p;
}

std::set<long long> allowed_owners(const Principal& p, const std::string& perm, long long creator = 0) {
  auto f = fixed_forest();
  MemTree t(f);
  std::set<long long> out;
  for (long long u : {1, 2, 3, 4, 999})
    if (authorize(p, perm, Record{u, creator, 0, {}}, t)) out.insert(u);
  return out;
}

TEST(Authorize, EachScopeKind) {
  const std::string perm = "org:unit:list";
  EXPECT_EQ(allowed_owners(at_district({{"all", {}}}), perm), (std::set<long long>{1, 2, 3, 4, 999}));
  EXPECT_EQ(allowed_owners(at_district({{"subtree", {}}}), perm), (std::set<long long>{2, 3}));
  EXPECT_EQ(allowed_owners(at_district({{"own_unit", {}}}), perm), (std::set<long long>{2}));
  EXPECT_EQ(allowed_owners(at_district({{"custom", {1, 4}}}), perm), (std::set<long long>{1, 4}));
  EXPECT_EQ(allowed_owners(at_district({{"custom", {}}}), perm), (std::set<long long>{}));
  EXPECT_EQ(allowed_owners(at_district({{"self", {}}}), perm, 7), (std::set<long long>{}));
  EXPECT_EQ(allowed_owners(at_district({{"self", {}}}), perm, 50), (std::set<long long>{1, 2, 3, 4, 999}));
  // several grants for one code are a union
  EXPECT_EQ(allowed_owners(at_district({{"own_unit", {}}, {"custom", {4}}}), perm), (std::set<long long>{2, 4}));
}

TEST(Authorize, DenyByDefault) {
  auto f = fixed_forest();
  MemTree t(f);
  Principal none;
  none.user_id = 50;
  none.unit_id = 2;
  EXPECT_FALSE(authorize(none, "org:unit:list", Record{2, 50, 0, {}}, t));
  auto empty = at_district({});
  EXPECT_FALSE(authorize(empty, "org:unit:list", Record{2, 50, 0, {}}, t));
  auto unknown_kind = at_district({{"no_such_kind", {}}});
  EXPECT_FALSE(authorize(unknown_kind, "org:unit:list", Record{2, 50, 0, {}}, t));
  EXPECT_FALSE(none.can("org:unit:list"));
  EXPECT_TRUE(empty.can("org:unit:list")) << "can() reports the code; authorize() still denies with no scope";
}

TEST(Authorize, ScopeIsPerPermissionCodeNotAUnion) {
  auto f = fixed_forest();
  MemTree t(f);
  Principal p;
  p.user_id = 50;
  p.unit_id = 2;
  p.grants["org:unit:list"] = {{"all", {}}};
  p.grants["org:unit:update"] = {{"own_unit", {}}};
  EXPECT_TRUE(authorize(p, "org:unit:list", Record{4, 0, 0, {}}, t));
  EXPECT_FALSE(authorize(p, "org:unit:update", Record{4, 0, 0, {}}, t));
  EXPECT_TRUE(authorize(p, "org:unit:update", Record{2, 0, 0, {}}, t));
  EXPECT_FALSE(authorize(p, "org:unit:delete", Record{2, 0, 0, {}}, t));
}

TEST(ScopeFilter, NoGrantIsFalseAndValuesAreBound) {
  Principal p;
  p.user_id = 123456789;
  p.unit_id = 987654321;
  db::Query none("SELECT 1 WHERE ");
  scope_filter(none, p, "org:unit:list", {"u.owner_unit_id", "u.creator_id"});
  EXPECT_EQ(none.text(), "SELECT 1 WHERE (1=0)");
  p.grants["org:unit:list"] = {};
  db::Query empty;
  scope_filter(empty, p, "org:unit:list", {"u.owner_unit_id", "u.creator_id"});
  EXPECT_EQ(empty.text(), "(1=0)");
  p.grants["org:unit:list"] = {{"subtree", {}}, {"self", {}}, {"custom", {555555555, 444444444}}, {"own_unit", {}}};
  db::Query q;
  scope_filter(q, p, "org:unit:list", {"u.owner_unit_id", "u.creator_id"});
  for (const char* v : {"123456789", "987654321", "555555555", "444444444"})
    EXPECT_EQ(q.text().find(v), std::string::npos) << q.text();
  EXPECT_EQ(q.binds().size(), 5u);
  EXPECT_NE(q.text().find("u.owner_unit_id"), std::string::npos);
  EXPECT_NE(q.text().find("u.creator_id"), std::string::npos);
}

TEST(ScopeFilter, UnknownKindsOnlyIsFalse) {
  Principal p;
  p.grants["x:y:z"] = {{"no_such_kind", {}}};
  db::Query q;
  scope_filter(q, p, "x:y:z", {"t.unit", "t.creator"});
  EXPECT_EQ(q.text(), "(1=0)");
}

TEST(ScopeRegistry, BuiltinsAndDuplicates) {
  for (const char* k : {"all", "subtree", "own_unit", "self", "custom"}) EXPECT_NE(find_scope(k), nullptr) << k;
  EXPECT_EQ(find_scope("nope"), nullptr);
  EXPECT_THROW(register_scope({"all", "重复", nullptr, nullptr}), std::logic_error);
}

TEST(ScopeRegistry, RegisteredKindIsUsedByAuthorizeAndScopeFilter) {
  static std::once_flag once;
  std::call_once(once, [] {
    register_scope({"test_odd_creator", "测试：单号创建人",
                    [](const Principal&, const ScopeGrant&, const Record& r, const UnitTree&) { return r.creator_id % 2 == 1; },
                    [](db::Query& q, const Principal&, const ScopeGrant&, const Columns& c) { q << c.creator << " % 2 = 1"; }});
  });
  auto f = fixed_forest();
  MemTree t(f);
  Principal p;
  p.grants["x:y:z"] = {{"test_odd_creator", {}}};
  EXPECT_TRUE(authorize(p, "x:y:z", Record{1, 3, 0, {}}, t));
  EXPECT_FALSE(authorize(p, "x:y:z", Record{1, 4, 0, {}}, t));
  db::Query q;
  scope_filter(q, p, "x:y:z", {"t.unit", "t.creator"});
  EXPECT_EQ(q.text(), "((t.creator % 2 = 1))");
}

// ---------- scope_filter() against authorize() on SQLite ----------

class ScopeDb {
 public:
  ScopeDb() : db_("sqlite:" + (dir_.path / "scope.db").string(), 2) {
    db_.migrate();
    lease_ = db_.lease();
    lease_->conn.exec_script("CREATE TABLE recs (id INTEGER PRIMARY KEY, owner_unit_id BIGINT, creator_id BIGINT)");
  }
  ~ScopeDb() { lease_.reset(); }
  db::Conn& conn() { return lease_->conn; }

  void load(const Forest& f, const std::vector<Record>& recs) {
    auto& c = conn();
    for (size_t i = 0; i < f.ids.size(); ++i) {
      db::Query q("INSERT INTO units (id, parent_id, code, name, type, created_at, updated_at) VALUES (");
      std::optional<long long> parent;
      if (f.parent[i] >= 0) parent = f.ids[f.parent[i]];
      q << q.bind(f.ids[i]) << ", " << q.bind(parent) << ", " << q.bind("U" + std::to_string(f.ids[i])) << ", "
        << q.bind("单位" + std::to_string(f.ids[i])) << ", 'department', 0, 0)";
      c.exec(q);
      // closure: the unit and each ancestor, with its distance
      int depth = 0;
      for (int a = (int)i; a >= 0; a = f.parent[a], ++depth) {
        db::Query cl("INSERT INTO unit_closure (ancestor_id, descendant_id, depth) VALUES (");
        cl << cl.bind(f.ids[a]) << ", " << cl.bind(f.ids[i]) << ", " << cl.bind((long long)depth) << ")";
        c.exec(cl);
      }
    }
    for (auto& r : recs) {
      db::Query q("INSERT INTO recs (id, owner_unit_id, creator_id) VALUES (");
      q << q.bind(r.id) << ", " << q.bind(r.owner_unit_id) << ", " << q.bind(r.creator_id) << ")";
      c.exec(q);
    }
  }

  std::set<long long> selected(const Principal& p, const std::string& perm, const Columns& cols) {
    db::Query q("SELECT id FROM recs r WHERE ");
    scope_filter(q, p, perm, cols);
    std::set<long long> out;
    for (auto& row : conn().rows(q)) out.insert(row.i64(0));
    return out;
  }

 private:
  TempDir dir_;
  db::Database db_;
  std::unique_ptr<db::Lease> lease_;
};

TEST(AccessProperty, ScopeFilterSelectsExactlyWhatAuthorizeAllows) {
  ScopeDb sdb;
  long long selected_total = 0, hidden_total = 0;
  bool ok = rc::check("SELECT ... WHERE scope_filter() == {r | authorize(r)}", [&] {
    auto f = gen_forest();
    auto p = gen_principal(f, true);  // a principal's unit always exists (load_principal joins units)
    auto recs = gen_records(f, 20);
    RC_LOG() << describe(p) << "\n";
    db::Tx tx(sdb.conn(), true);  // never committed: each case starts from empty tables
    sdb.load(f, recs);
    DbUnitTree tree(sdb.conn());
    Oracle oracle(f);
    for (auto& perm : kPerms) {
      std::set<long long> want, want_oracle;
      for (auto& r : recs) {
        if (authorize(p, perm, r, tree)) want.insert(r.id);
        if (oracle.allows(p, perm, r)) want_oracle.insert(r.id);
      }
      auto got = sdb.selected(p, perm, {"r.owner_unit_id", "r.creator_id"});
      RC_ASSERT(got == want);
      RC_ASSERT(want == want_oracle);
      selected_total += (long long)got.size();
      hidden_total += (long long)(recs.size() - got.size());
    }
    RC_ASSERT(sdb.selected(p, kNeverGranted, {"r.owner_unit_id", "r.creator_id"}).empty());
  });
  EXPECT_TRUE(ok);
  EXPECT_GT(selected_total, 100);
  EXPECT_GT(hidden_total, 100);
  EXPECT_EQ(sdb.conn().scalar(db::Query("SELECT COUNT(*) FROM recs")), 0) << "every case rolled back";
}

TEST(ScopeFilterDb, SelfWithoutACreatorColumnSelectsNothing) {
  ScopeDb sdb;
  db::Tx tx(sdb.conn(), true);
  auto f = fixed_forest();
  sdb.load(f, {{1, 50, 1, {}}, {2, 50, 2, {}}, {3, 7, 3, {}}});
  Principal p;
  p.user_id = 50;
  p.unit_id = 2;
  p.grants["x:y:z"] = {{"self", {}}};
  EXPECT_EQ(sdb.selected(p, "x:y:z", {"r.owner_unit_id", "r.creator_id"}), (std::set<long long>{1, 2}));
  EXPECT_TRUE(sdb.selected(p, "x:y:z", {"r.owner_unit_id", ""}).empty());
  p.grants["x:y:z"] = {{"subtree", {}}};
  EXPECT_EQ(sdb.selected(p, "x:y:z", {"r.owner_unit_id", ""}), (std::set<long long>{2, 3}));
}

TEST(ScopeFilterDb, DbUnitTreeWithin) {
  ScopeDb sdb;
  db::Tx tx(sdb.conn(), true);
  sdb.load(fixed_forest(), {});
  DbUnitTree t(sdb.conn());
  EXPECT_TRUE(t.within(3, 1));
  EXPECT_TRUE(t.within(3, 2));
  EXPECT_TRUE(t.within(3, 3));
  EXPECT_TRUE(t.within(4, 1));
  EXPECT_FALSE(t.within(1, 3));
  EXPECT_FALSE(t.within(4, 2));
  EXPECT_FALSE(t.within(3, 4));
  EXPECT_FALSE(t.within(999, 1));
}
}  // namespace
}  // namespace xt::access
