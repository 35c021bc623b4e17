// Relationship scopes: a unit in a named relation to the record (the bureau that pre-reviews a
// case) and people linked to it through a module's table (the experts assigned to it, its
// team). authorize() on the record as the module loads it and scope_filter() on the tables
// agree on random data; a relation the table does not have selects nothing; a relationship
// scope is granted only with permissions that declare it.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <stdlib.h>

#include <filesystem>
#include <mutex>
#include <set>

#include "core/access/access.hpp"
#include "core/access/catalog.hpp"

namespace fs = std::filesystem;

namespace xt::access {
namespace {

struct NoTree : UnitTree {
  bool within(long long unit, long long ancestor) const override { return unit == ancestor; }
};

void register_test_scope() {
  static std::once_flag once;
  std::call_once(once, [] { register_unit_relation_scope("test_reviewer", "测试：负责评审的单位", "reviewer"); });
}

constexpr int kFullSize = 100;
int pick(int lo, int hi) { return *rc::gen::resize(kFullSize, rc::gen::inRange(lo, hi)); }

struct Rec {
  long long id, owner, creator, reviewer;
  std::vector<long long> assignees, team;
};

class LinkDb {
 public:
  LinkDb() {
    std::string tmpl = (fs::temp_directory_path() / "xt-rel-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    db_ = std::make_unique<db::Database>("sqlite:" + (dir_ / "r.db").string(), 1);
    lease_ = db_->lease();
    c().exec_script(
        "CREATE TABLE recs (id INTEGER PRIMARY KEY, owner_unit_id BIGINT, creator_id BIGINT, reviewer_unit_id BIGINT);"
        "CREATE TABLE rec_experts (rec_id BIGINT, expert_id BIGINT);"
        "CREATE TABLE rec_team (rec_id BIGINT, member_id BIGINT);");
  }
  ~LinkDb() {
    lease_.reset();
    db_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  db::Conn& c() { return lease_->conn; }
  void load(const std::vector<Rec>& recs) {
    for (auto& r : recs) {
      db::Query q("INSERT INTO recs VALUES (");
      q << q.bind(r.id) << ", " << q.bind(r.owner) << ", " << q.bind(r.creator) << ", " << q.bind(r.reviewer) << ")";
      c().exec(q);
      for (auto u : r.assignees) {
        db::Query a("INSERT INTO rec_experts VALUES (");
        a << a.bind(r.id) << ", " << a.bind(u) << ")";
        c().exec(a);
      }
      for (auto u : r.team) {
        db::Query t("INSERT INTO rec_team VALUES (");
        t << t.bind(r.id) << ", " << t.bind(u) << ")";
        c().exec(t);
      }
    }
  }
  std::set<long long> selected(const Principal& p, const std::string& perm, const Columns& cols) {
    db::Query q("SELECT id FROM recs r WHERE ");
    scope_filter(q, p, perm, cols);
    std::set<long long> out;
    for (auto& row : c().rows(q)) out.insert(row.i64(0));
    return out;
  }

 private:
  fs::path dir_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<db::Lease> lease_;
};

Columns full_columns() {
  Columns cols{"r.owner_unit_id", "r.creator_id", "r.id"};
  cols.units["reviewer"] = "r.reviewer_unit_id";
  cols.links["assignee"] = {"rec_experts", "rec_id", "expert_id"};
  cols.links["team"] = {"rec_team", "rec_id", "member_id"};
  return cols;
}

Record as_loaded(const Rec& r) {
  Record out{r.owner, r.creator, r.id, "rec"};
  out.units["reviewer"] = r.reviewer;
  out.users["assignee"] = r.assignees;
  out.users["team"] = r.team;
  return out;
}

TEST(RelationshipProperty, ScopeFilterSelectsExactlyWhatAuthorizeAllows) {
  register_test_scope();
  LinkDb ldb;
  NoTree tree;
  long long selected_total = 0, hidden_total = 0;
  bool ok = rc::check("relationship scopes: scope_filter() == {r | authorize(r)}", [&] {
    std::vector<Rec> recs;
    for (int i = 1; i <= 16; ++i) {
      Rec r{i, pick(1, 4), pick(1, 6), pick(1, 4), {}, {}};
      for (int k = pick(0, 3); k > 0; --k) r.assignees.push_back(pick(1, 6));
      for (int k = pick(0, 3); k > 0; --k) r.team.push_back(pick(1, 6));
      recs.push_back(r);
    }
    Principal p;
    p.user_id = pick(1, 6);
    p.unit_id = pick(1, 4);
    static const std::vector<std::string> kinds = {"test_reviewer", "assigned", "team", "own_unit", "self"};
    for (int k = pick(0, 3); k > 0; --k) p.grants["t:rec:read"].push_back({kinds[(size_t)pick(0, 4)], {}});
    db::Tx tx(ldb.c(), true);  // rolled back: each case starts empty
    ldb.load(recs);
    std::set<long long> want;
    for (auto& r : recs)
      if (authorize(p, "t:rec:read", as_loaded(r), tree)) want.insert(r.id);
    auto got = ldb.selected(p, "t:rec:read", full_columns());
    RC_ASSERT(got == want);
    selected_total += (long long)got.size();
    hidden_total += (long long)(recs.size() - got.size());
  });
  EXPECT_TRUE(ok);
  EXPECT_GT(selected_total, 100);
  EXPECT_GT(hidden_total, 100);
}

TEST(Relationship, EachRelationAnsweredByItsOwnData) {
  register_test_scope();
  NoTree tree;
  Principal p;
  p.user_id = 7;
  p.unit_id = 3;
  Rec r{1, 9, 8, 3, {5, 7}, {}};
  p.grants["t:rec:read"] = {{"test_reviewer", {}}};
  EXPECT_TRUE(authorize(p, "t:rec:read", as_loaded(r), tree)) << "the principal's unit reviews it";
  r.reviewer = 4;
  EXPECT_FALSE(authorize(p, "t:rec:read", as_loaded(r), tree));
  p.grants["t:rec:read"] = {{"assigned", {}}};
  EXPECT_TRUE(authorize(p, "t:rec:read", as_loaded(r), tree)) << "assigned to the principal";
  EXPECT_FALSE(authorize(p, "t:rec:read", Record{9, 8, 1, "rec"}, tree)) << "a record loaded without its experts allows nothing";
  p.grants["t:rec:read"] = {{"team", {}}};
  EXPECT_FALSE(authorize(p, "t:rec:read", as_loaded(r), tree)) << "not in its team";
  p.grants["t:rec:read"] = {{"own_unit", {}}};
  EXPECT_FALSE(authorize(p, "t:rec:read", as_loaded(r), tree)) << "relations do not leak into unit scopes";
}

TEST(Relationship, ATableWithoutTheRelationSelectsNothing) {
  register_test_scope();
  LinkDb ldb;
  db::Tx tx(ldb.c(), true);
  ldb.load({{1, 1, 1, 3, {7}, {7}}});
  Principal p;
  p.user_id = 7;
  p.unit_id = 3;
  for (auto* kind : {"test_reviewer", "assigned", "team"}) {
    p.grants["t:rec:read"] = {{kind, {}}};
    EXPECT_EQ(ldb.selected(p, "t:rec:read", full_columns()), (std::set<long long>{1})) << kind;
    EXPECT_TRUE(ldb.selected(p, "t:rec:read", {"r.owner_unit_id", "r.creator_id"}).empty()) << kind;
    Columns no_id = full_columns();
    no_id.id.clear();
    if (std::string(kind) != "test_reviewer") {
      EXPECT_TRUE(ldb.selected(p, "t:rec:read", no_id).empty()) << kind;
    }
  }
  db::Query q;
  p.grants["t:rec:read"] = {{"assigned", {}}};
  scope_filter(q, p, "t:rec:read", full_columns());
  EXPECT_EQ(q.text().find("= 7"), std::string::npos) << "the user id is bound, not spliced: " << q.text();
}

TEST(Relationship, GrantedOnlyWithPermissionsThatDeclareIt) {
  register_test_scope();
  register_permission({"t:rel:declared", "测试", "t", "测试", {"test_reviewer", "assigned"}});
  register_permission({"t:rel:plain", "测试", "t", "测试"});
  EXPECT_TRUE(scope_applies("t:rel:declared", "test_reviewer"));
  EXPECT_TRUE(scope_applies("t:rel:declared", "assigned"));
  EXPECT_FALSE(scope_applies("t:rel:declared", "team"));
  EXPECT_FALSE(scope_applies("t:rel:plain", "assigned"));
  EXPECT_TRUE(scope_applies("t:rel:plain", "subtree")) << "unit and creator scopes go with every permission";
  EXPECT_FALSE(scope_applies("t:rel:plain", "nope"));
  EXPECT_TRUE(find_scope("assigned")->relationship);
  EXPECT_FALSE(find_scope("own_unit")->relationship);
}
}  // namespace
}  // namespace xt::access
