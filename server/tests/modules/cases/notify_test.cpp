// Deadline reminders: which window applies, who gets one, and that a reminder lands once
// however often the job runs. Runs on a migrated SQLite file with rows written directly.
#include "modules/cases/notify.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "modules/cases/json.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/writeups/service.hpp"

namespace fs = std::filesystem;

namespace xt::cases {
namespace {
using db::Query;
constexpr long long kDay = 24LL * 3600 * 1000;

struct ReminderDb : ::testing::Test {
  fs::path dir;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<db::Lease> lease;
  long long city = 0, district = 0, school = 0, other_school = 0, call = 0, deadline = 0;

  long long unit(const std::string& code, const std::string& type) {
    Query q("INSERT INTO units (code, name, type, created_at, updated_at) VALUES (");
    q << q.bind(code) << ", " << q.bind(code + "单位") << ", " << q.bind(type) << ", 0, 0) RETURNING id";
    return lease->conn.scalar(q);
  }
  void add_case(long long owner, const std::string& status) {
    Query q("INSERT INTO cases (call_id, owner_unit_id, review_unit_id, creator_id, title, content, status, created_at, updated_at) VALUES (");
    q << q.bind(call) << ", " << q.bind(owner) << ", " << q.bind(district) << ", 1, '案例', '{}', " << q.bind(status) << ", 0, 0)";
    lease->conn.exec(q);
  }
  long long count(const std::string& where) { return lease->conn.scalar(Query("SELECT COUNT(*) FROM notices WHERE " + where)); }

  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "xt-remind-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(tmpl.data()));
    dir = tmpl;
    database = std::make_unique<db::Database>("sqlite:" + (dir / "x.db").string(), 1);
    database->migrate();
    lease = database->lease();
    city = unit("370100", "bureau");
    district = unit("370102", "bureau");
    school = unit("3701020001", "school");
    other_school = unit("3701020002", "school");
    deadline = deadline_ms("2026-12-10");
    Query q("INSERT INTO case_calls (title, rules, deadline_at, deadline_date, owner_unit_id, creator_id, created_at, updated_at) VALUES ('典型案例征集', ");
    q << q.bind(boost::json::serialize(to_json(qingdao_template()))) << ", " << q.bind(deadline) << ", '2026-12-10', " << q.bind(city) << ", 1, 0, 0) RETURNING id";
    call = lease->conn.scalar(q);
    add_case(school, "draft");
    add_case(school, "returned");
    add_case(other_school, "submitted");
  }
  void TearDown() override {
    lease.reset();
    database.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

TEST_F(ReminderDb, NothingMoreThanSevenDaysAheadOrAfterTheDeadline) {
  EXPECT_EQ(remind_deadlines(lease->conn, deadline - 8 * kDay), 0);
  EXPECT_EQ(remind_deadlines(lease->conn, deadline + 1), 0);
  EXPECT_EQ(count("1 = 1"), 0);
}

TEST_F(ReminderDb, SevenDaysBeforeTheWriterAndTheReviewerAreRemindedOnce) {
  EXPECT_EQ(remind_deadlines(lease->conn, deadline - 6 * kDay - 3600'000), 2);
  EXPECT_EQ(remind_deadlines(lease->conn, deadline - 6 * kDay), 0) << "a second run sends nothing new";
  auto row = lease->conn.row(Query("SELECT title, body, perm FROM notices WHERE unit_id = " + std::to_string(school)));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->str(0), "《典型案例征集》将于12月10日截止（还有7天）");
  EXPECT_EQ(row->str(1), "本单位还有2个案例尚未报送。");
  EXPECT_EQ(row->str(2), "cases:case:submit");
  auto rv = lease->conn.row(Query("SELECT body, perm FROM notices WHERE unit_id = " + std::to_string(district)));
  ASSERT_TRUE(rv);
  EXPECT_EQ(rv->str(0), "还有1个案例待初评；推荐材料尚未报送市教育局。");
  EXPECT_EQ(rv->str(1), "cases:case:review");
  EXPECT_EQ(count("unit_id = " + std::to_string(other_school)), 0) << "a unit whose case is submitted has nothing to do";
}

TEST_F(ReminderDb, TheOneDayReminderFollowsTheSevenDayOne) {
  remind_deadlines(lease->conn, deadline - 5 * kDay);
  EXPECT_EQ(remind_deadlines(lease->conn, deadline - 20 * 3600'000LL), 2);
  EXPECT_EQ(count("unit_id = " + std::to_string(school)), 2);
  EXPECT_EQ(count("title LIKE '%还有1天%'"), 2);
}

TEST_F(ReminderDb, ASentPackageAndAClosedCallStopTheReminders) {
  lease->conn.exec(Query("INSERT INTO case_packages (call_id, review_unit_id, updated_at, sent_at) VALUES (" + std::to_string(call) + ", " +
                         std::to_string(district) + ", 0, 1)"));
  EXPECT_EQ(remind_deadlines(lease->conn, deadline - kDay / 2), 1) << "only the school with unsent drafts";
  EXPECT_EQ(count("unit_id = " + std::to_string(district)), 0);
  lease->conn.exec(Query("UPDATE case_calls SET status = 'closed'"));
  lease->conn.exec(Query("DELETE FROM notices"));
  EXPECT_EQ(remind_deadlines(lease->conn, deadline - kDay / 2), 0);
}
}  // namespace
}  // namespace xt::cases
