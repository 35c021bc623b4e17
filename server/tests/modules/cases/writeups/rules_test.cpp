// The submission rules of the call's notice as pure functions: each rule broken alone gives its
// own error and field, a case that meets all gives none, and the deadline, grace and quota
// limits hold to the millisecond and to the last place. No database.
#include "modules/cases/writeups/rules.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/time/time.hpp"
#include "modules/cases/json.hpp"

namespace xt::cases {
namespace {

Call a_call() {
  Call c;
  c.id = 1;
  c.title = "2024年家校社协同育人典型案例征集";
  c.deadline_date = "2024-10-31";
  c.deadline_at = time::end_of_day_ms(*time::parse_date("2024-10-31"));
  c.grace_minutes = 30;
  c.status = "open";
  c.rules = qingdao_template();
  return c;
}

// A write-up that meets every rule of the template.
Case a_good_case(const Call& call) {
  Case k;
  k.id = 7;
  k.call_id = call.id;
  auto& ct = k.content;
  ct.partners = {{std::nullopt, "历下区文化馆"}};
  ct.form = call.rules.forms.front();
  ct.topics = {call.rules.topics.front()};
  ct.practice_start = "2023-03-01";
  ct.still_running = true;
  ct.contact_name = "王老师";
  ct.contact_phone = "13805310000";
  for (auto& s : call.rules.sections) {
    int n = s.max > 0 ? std::min(s.max, 300) : 300;
    std::string text;
    for (int i = 0; i < n; ++i) text += "协";
    ct.sections.emplace_back(s.key, text);
  }
  return k;
}

SubmissionFacts facts(const Call& call) {
  SubmissionFacts f;
  f.now = call.deadline_at - 1000;
  f.unit_type = call.rules.unit_types.front();
  return f;
}

std::vector<std::string> codes(const std::vector<ApiError>& es) {
  std::vector<std::string> out;
  for (auto& e : es) out.push_back(e.code);
  return out;
}

bool has(const std::vector<ApiError>& es, const std::string& code, const std::string& field = "") {
  return std::any_of(es.begin(), es.end(), [&](const ApiError& e) { return e.code == code && (field.empty() || e.field == field); });
}

TEST(SubmissionRules, AGoodCaseBreaksNoRule) {
  auto call = a_call();
  auto k = a_good_case(call);
  auto problems = check_submission(call, k, facts(call));
  EXPECT_TRUE(problems.empty()) << ::testing::PrintToString(codes(problems));
}

TEST(SubmissionRules, TheDeadlineHoldsToTheMillisecondWithItsGrace) {
  auto call = a_call();
  auto k = a_good_case(call);
  auto f = facts(call);
  f.now = call.closes_at();
  EXPECT_FALSE(has(check_submission(call, k, f), "cases.deadline_passed")) << "the last moment of the grace still counts";
  f.now = call.closes_at() + 1;
  EXPECT_TRUE(has(check_submission(call, k, f), "cases.deadline_passed"));
  call.status = "closed";
  f.now = call.deadline_at - 1;
  EXPECT_TRUE(has(check_submission(call, k, f), "cases.call_closed"));
}

TEST(SubmissionRules, EachMissingPartOfTheFormIsNamed) {
  auto call = a_call();
  auto f = facts(call);
  auto broken = [&](auto change, const std::string& code, const std::string& field) {
    auto k = a_good_case(call);
    change(k.content);
    auto problems = check_submission(call, k, f);
    EXPECT_TRUE(has(problems, code, field)) << code << " not among " << ::testing::PrintToString(codes(problems));
    EXPECT_EQ(problems.size(), 1u) << code << ": only that rule is broken";
  };
  broken([](Content& c) { c.partners.clear(); }, "cases.partner_required", "content.partners");
  broken([](Content& c) { c.form = "不在清单里的形式"; }, "cases.form_invalid", "content.form");
  broken([](Content& c) { c.topics.push_back("不在清单里的主题"); }, "cases.topic_invalid", "content.topics");
  broken([](Content& c) { c.practice_start = "2023-3-1"; }, "cases.practice_start_required", "content.practice_start");
  broken([](Content& c) { c.practice_start = "2023-11-01"; }, "cases.practice_too_short", "content.practice_start");
  broken([](Content& c) { c.still_running = false; }, "cases.not_running", "content.still_running");
  broken([](Content& c) { c.contact_name.clear(); }, "request.required", "content.contact_name");
  broken([](Content& c) { c.contact_phone.clear(); }, "request.required", "content.contact_phone");
  broken([](Content& c) { c.contact_phone = "12345"; }, "cases.contact_phone_invalid", "content.contact_phone");
}

TEST(SubmissionRules, PracticeOfExactlyTwelveMonthsIsEnough) {
  EXPECT_TRUE(practice_long_enough("2023-10-31", "2024-10-31", 12));
  EXPECT_FALSE(practice_long_enough("2023-11-01", "2024-10-31", 12));
  EXPECT_TRUE(practice_long_enough("2020-01-15", "2024-10-31", 12));
  EXPECT_FALSE(practice_long_enough("not a date", "2024-10-31", 12));
}

TEST(SubmissionRules, SectionsAndTheWholeAreCountedInZishu) {
  auto call = a_call();
  auto f = facts(call);
  auto& first = call.rules.sections.front();
  {
    auto k = a_good_case(call);
    k.content.sections.front().second.clear();
    EXPECT_TRUE(has(check_submission(call, k, f), "cases.section_required", "content.sections." + first.key));
  }
  auto limited = std::find_if(call.rules.sections.begin(), call.rules.sections.end(), [](const Section& s) { return s.max > 0; });
  ASSERT_NE(limited, call.rules.sections.end()) << "the template limits the summary to 500 字";
  {
    auto k = a_good_case(call);
    std::string over;
    for (int i = 0; i <= limited->max; ++i) over += "协";
    for (auto& [key, text] : k.content.sections)
      if (key == limited->key) text = over;
    auto problems = check_submission(call, k, f);
    EXPECT_TRUE(has(problems, "cases.section_too_long", "content.sections." + limited->key)) << ::testing::PrintToString(codes(problems));
  }
  {
    auto k = a_good_case(call);
    std::string long_text;
    for (int i = 0; i < call.rules.max_total; ++i) long_text += "育";
    for (auto& [key, text] : k.content.sections)
      if (key != limited->key) text = long_text;
    EXPECT_TRUE(has(check_submission(call, k, f), "cases.too_long", "content.sections"));
  }
  auto counted = count(call.rules, a_good_case(call).content);
  EXPECT_EQ(counted.sections.size(), call.rules.sections.size());
  size_t sum = 0;
  for (auto& [key, n] : counted.sections) sum += n;
  EXPECT_EQ(counted.total, sum);
}

TEST(SubmissionRules, QuotasAreFullAtTheLastPlace) {
  auto call = a_call();
  auto k = a_good_case(call);
  auto f = facts(call);
  f.city_affiliated_school = true;
  f.quota_used = call.rules.quota_school - 1;
  EXPECT_FALSE(has(check_submission(call, k, f), "cases.quota_school"));
  f.quota_used = call.rules.quota_school;
  EXPECT_TRUE(has(check_submission(call, k, f), "cases.quota_school"));
  f.city_affiliated_school = false;
  f.quota_used = call.rules.quota_district - 1;
  EXPECT_FALSE(has(check_submission(call, k, f), "cases.quota_district"));
  f.quota_used = call.rules.quota_district;
  EXPECT_TRUE(has(check_submission(call, k, f), "cases.quota_district"));
}

TEST(SubmissionRules, AUnitTypeTheCallDoesNotAddressIsRefused) {
  auto call = a_call();
  auto k = a_good_case(call);
  auto f = facts(call);
  f.unit_type = "department";
  EXPECT_TRUE(has(check_submission(call, k, f), "cases.unit_type_not_allowed"));
  f.unit_type.reset();
  EXPECT_FALSE(has(check_submission(call, k, f), "cases.unit_type_not_allowed")) << "an unknown unit is refused elsewhere (404)";
}

TEST(SubmissionRules, TooManyAuthors) {
  auto call = a_call();
  call.rules.max_authors = 2;
  auto k = a_good_case(call);
  k.content.authors = {"甲", "乙", "丙"};
  EXPECT_TRUE(has(check_submission(call, k, facts(call)), "cases.too_many_authors", "content.authors"));
  k.content.authors.pop_back();
  EXPECT_FALSE(has(check_submission(call, k, facts(call)), "cases.too_many_authors"));
}
}  // namespace
}  // namespace xt::cases
