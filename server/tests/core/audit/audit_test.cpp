// The audit trail: rows written inside the caller's transaction, a hash chain that verify()
// walks, append-only triggers, and change() that records only what differs.
#include "core/audit/audit.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace fs = std::filesystem;
namespace bj = boost::json;

namespace xt::audit {
namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "xt-audit-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

class AuditTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<db::Database> db;
  std::unique_ptr<db::Lease> lease;
  db::Conn* conn = nullptr;

  void SetUp() override {
    db = std::make_unique<db::Database>("sqlite:" + (dir.path / "a.db").string(), 2);
    db->migrate();
    lease = db->lease();
    conn = &lease->conn;
  }
  void TearDown() override {
    lease.reset();
    db.reset();
  }

  Actor actor(long long uid = 7) const { return Actor{uid, "tester", 3, "历下区教育局", "127.0.0.1", "req-1"}; }

  void record_n(int n) {
    for (int i = 1; i <= n; ++i) {
      db::Tx tx(*conn, true);
      Event e{"test:thing:act" + std::to_string(i), "thing", std::to_string(i)};
      change(e, "name", nullptr, "名称" + std::to_string(i));
      record(*conn, actor(), e);
      tx.commit();
    }
  }
  long long count() { return conn->scalar(db::Query("SELECT COUNT(*) FROM audit_log")); }
  void drop_triggers() {
    conn->exec_script("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
  }
};

TEST_F(AuditTest, EmptyLogVerifies) {
  auto v = verify(*conn);
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.rows, 0);
  EXPECT_FALSE(v.first_broken_id.has_value());
}

TEST_F(AuditTest, RecordedEventsVerifyWithTheRightCount) {
  record_n(5);
  EXPECT_EQ(count(), 5);
  auto v = verify(*conn);
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.rows, 5);
  EXPECT_FALSE(v.first_broken_id.has_value());
}

TEST_F(AuditTest, RowsCarryActorEventAndChainedHashes) {
  record_n(2);
  auto rows = conn->rows(db::Query(
      "SELECT id, user_id, username, unit_id, unit_name, ip, request_id, action, object_type, object_id, result, detail, "
      "prev_hash, hash FROM audit_log ORDER BY id"));
  ASSERT_EQ(rows.size(), 2u);
  auto& r = rows[0];
  EXPECT_EQ(r.i64(1), 7);
  EXPECT_EQ(r.str(2), "tester");
  EXPECT_EQ(r.i64(3), 3);
  EXPECT_EQ(r.str(4), "历下区教育局");
  EXPECT_EQ(r.str(5), "127.0.0.1");
  EXPECT_EQ(r.str(6), "req-1");
  EXPECT_EQ(r.str(7), "test:thing:act1");
  EXPECT_EQ(r.str(8), "thing");
  EXPECT_EQ(r.str(9), "1");
  EXPECT_EQ(r.str(10), "success");
  EXPECT_EQ(bj::parse(r.str(11)), bj::parse(R"({"name":[null,"名称1"]})"));
  EXPECT_EQ(r.str(12), std::string(64, '0'));
  EXPECT_EQ(r.str(13).size(), 64u);
  EXPECT_EQ(rows[1].str(12), r.str(13)) << "each row points at the previous hash";
  auto head = conn->row(db::Query("SELECT last_hash FROM audit_head WHERE id = 1"));
  EXPECT_EQ(head->str(0), rows[1].str(13));
}

TEST_F(AuditTest, AnonymousActorAndFailureResult) {
  db::Tx tx(*conn, true);
  Event e{"auth:login", "user", "alice"};
  e.result = "failure";
  e.error_code = "auth.bad_credentials";
  record(*conn, Actor{std::nullopt, "alice", std::nullopt, "", "10.0.0.9", ""}, e);
  tx.commit();
  auto r = conn->row(db::Query("SELECT user_id, unit_id, result, error_code, detail FROM audit_log"));
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->null(0));
  EXPECT_TRUE(r->null(1));
  EXPECT_EQ(r->str(2), "failure");
  EXPECT_EQ(r->str(3), "auth.bad_credentials");
  EXPECT_EQ(r->str(4), "");
  EXPECT_TRUE(verify(*conn).ok);
}

TEST_F(AuditTest, RolledBackTransactionLeavesNoRowAndHeadUnchanged) {
  record_n(1);
  auto head_before = conn->row(db::Query("SELECT last_hash FROM audit_head"))->str(0);
  {
    db::Tx tx(*conn, true);
    record(*conn, actor(), Event{"test:rollback", "x", "1"});
  }
  EXPECT_EQ(count(), 1);
  EXPECT_EQ(conn->row(db::Query("SELECT last_hash FROM audit_head"))->str(0), head_before);
  EXPECT_TRUE(verify(*conn).ok);
}

TEST_F(AuditTest, UpdateAndDeleteAreRefusedByTriggers) {
  record_n(3);
  EXPECT_ANY_THROW(conn->exec(db::Query("UPDATE audit_log SET action = 'forged' WHERE id = 2")));
  EXPECT_ANY_THROW(conn->exec(db::Query("DELETE FROM audit_log WHERE id = 3")));
  EXPECT_ANY_THROW(conn->exec(db::Query("DELETE FROM audit_log")));
  EXPECT_EQ(count(), 3);
  EXPECT_EQ(conn->row(db::Query("SELECT action FROM audit_log WHERE id = 2"))->str(0), "test:thing:act2");
  EXPECT_TRUE(verify(*conn).ok);
}

TEST_F(AuditTest, TamperedRowIsTheFirstBroken) {
  record_n(5);
  drop_triggers();
  conn->exec(db::Query("UPDATE audit_log SET action = 'test:thing:forged' WHERE id = 3"));
  auto v = verify(*conn);
  EXPECT_FALSE(v.ok);
  ASSERT_TRUE(v.first_broken_id.has_value());
  EXPECT_EQ(*v.first_broken_id, 3);
  EXPECT_EQ(v.rows, 3);
}

TEST_F(AuditTest, TamperedDetailOrActorIsDetected) {
  record_n(4);
  drop_triggers();
  conn->exec(db::Query("UPDATE audit_log SET detail = '{}' WHERE id = 2"));
  auto v = verify(*conn);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_id.value_or(0), 2);
  conn->exec(db::Query("UPDATE audit_log SET detail = '{\"name\":[null,\"名称2\"]}' WHERE id = 2"));
  EXPECT_TRUE(verify(*conn).ok) << "restoring the exact text restores the chain";
  conn->exec(db::Query("UPDATE audit_log SET username = 'someone_else' WHERE id = 4"));
  EXPECT_EQ(verify(*conn).first_broken_id.value_or(0), 4);
}

TEST_F(AuditTest, RehashingATamperedRowBreaksTheNextOne) {
  record_n(5);
  drop_triggers();
  auto r = conn->row(db::Query("SELECT at, prev_hash, detail FROM audit_log WHERE id = 3"));
  ASSERT_TRUE(r);
  Event forged{"test:thing:forged", "thing", "3"};
  auto h = row_hash(r->str(1), r->i64(0), actor(), forged, r->str(2));
  db::Query up("UPDATE audit_log SET action = 'test:thing:forged', hash = ");
  up << up.bind(h) << " WHERE id = 3";
  conn->exec(up);
  auto v = verify(*conn);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_id.value_or(0), 4);
}

TEST_F(AuditTest, DeletingTheLastRowIsDetected) {
  record_n(5);
  drop_triggers();
  conn->exec(db::Query("DELETE FROM audit_log WHERE id = 5"));
  auto v = verify(*conn);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.rows, 4);
  EXPECT_EQ(v.first_broken_id.value_or(0), 5);
}

TEST_F(AuditTest, DeletingAMiddleRowIsDetected) {
  record_n(5);
  drop_triggers();
  conn->exec(db::Query("DELETE FROM audit_log WHERE id = 2"));
  auto v = verify(*conn);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_id.value_or(0), 3);
}

TEST_F(AuditTest, DeletingEveryRowIsDetected) {
  record_n(2);
  drop_triggers();
  conn->exec(db::Query("DELETE FROM audit_log"));
  auto v = verify(*conn);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.rows, 0);
}

TEST(AuditRowHash, EveryFieldCounts) {
  Actor a{1, "u", 2, "unit", "1.2.3.4", "r"};
  Event e{"x:y:z", "t", "9"};
  auto base = row_hash("prev", 100, a, e, "{}");
  EXPECT_EQ(base.size(), 64u);
  EXPECT_EQ(base, row_hash("prev", 100, a, e, "{}"));
  EXPECT_NE(base, row_hash("prev2", 100, a, e, "{}"));
  EXPECT_NE(base, row_hash("prev", 101, a, e, "{}"));
  EXPECT_NE(base, row_hash("prev", 100, a, e, ""));
  auto a2 = a; a2.user_id = std::nullopt;
  EXPECT_NE(base, row_hash("prev", 100, a2, e, "{}"));
  auto a3 = a; a3.ip = "1.2.3.5";
  EXPECT_NE(base, row_hash("prev", 100, a3, e, "{}"));
  auto e2 = e; e2.result = "failure";
  EXPECT_NE(base, row_hash("prev", 100, a, e2, "{}"));
  auto e3 = e; e3.error_code = "x";
  EXPECT_NE(base, row_hash("prev", 100, a, e3, "{}"));
  // Length prefixes keep field boundaries: moving a character across them changes the hash.
  auto a4 = a; a4.username = "uu"; a4.unit_name = "nit";
  auto a5 = a; a5.username = "u"; a5.unit_name = "unit";
  EXPECT_NE(row_hash("p", 1, a4, e, ""), row_hash("p", 1, a5, e, ""));
}

TEST(AuditChange, RecordsOnlyDifferingFields) {
  Event e{"org:unit:update", "unit", "1"};
  change(e, "name", std::string("旧名"), std::string("新名"));
  change(e, "code", std::string("A1"), std::string("A1"));
  change(e, "sort", bj::value(3), bj::value(3));
  change(e, "status", bj::value("active"), bj::value("disabled"));
  change(e, "parent_id", bj::value(nullptr), bj::value(nullptr));
  EXPECT_EQ(e.detail.size(), 2u);
  EXPECT_EQ(e.detail.at("name"), (bj::array{"旧名", "新名"}));
  EXPECT_EQ(e.detail.at("status"), (bj::array{"active", "disabled"}));
  EXPECT_FALSE(e.detail.contains("code"));
  EXPECT_FALSE(e.detail.contains("sort"));
  EXPECT_FALSE(e.detail.contains("parent_id"));
}

TEST(AuditChange, CreateAndDeleteShapes) {
  Event e;
  change(e, "username", nullptr, std::string("zhang"));
  change(e, "phone", std::string("138****0000"), nullptr);
  change(e, "level", bj::value(10), bj::value(20));
  EXPECT_EQ(e.detail.at("username"), (bj::array{nullptr, "zhang"}));
  EXPECT_EQ(e.detail.at("phone"), (bj::array{"138****0000", nullptr}));
  EXPECT_EQ(e.detail.at("level"), (bj::array{10, 20}));
  EXPECT_EQ(e.detail.size(), 3u);
}

TEST(AuditChange, NeverStoresAFieldThatWasNotPassed) {
  Event e;
  e.detail["reason"] = "manual";
  change(e, "name", std::string("a"), std::string("b"));
  std::set<std::string> keys;
  for (auto& kv : e.detail) keys.insert(std::string(kv.key()));
  EXPECT_EQ(keys, (std::set<std::string>{"reason", "name"}));
}

TEST_F(AuditTest, DetailIsStoredAsTheChangesOnly) {
  Event e{"org:user:update", "user", "5"};
  change(e, "display_name", std::string("张三"), std::string("张三丰"));
  change(e, "phone", std::string("138****1234"), std::string("138****1234"));
  {
    db::Tx tx(*conn, true);
    record(*conn, actor(), e);
    tx.commit();
  }
  auto d = bj::parse(conn->row(db::Query("SELECT detail FROM audit_log"))->str(0)).as_object();
  EXPECT_EQ(d.size(), 1u);
  EXPECT_EQ(d.at("display_name"), (bj::array{"张三", "张三丰"}));
  EXPECT_TRUE(verify(*conn).ok);
}
}  // namespace
}  // namespace xt::audit
