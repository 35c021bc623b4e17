// Integer query parameters: absent or empty is "not given"; anything but an integer within the
// route's range is a 400 naming the parameter (trailing junk, decimals, overflow included).
#include <gtest/gtest.h>

#include "core/app/app.hpp"

namespace xt::app {
namespace {
http::Request with_query(const std::string& q) {
  http::Request r;
  r.query = q;
  return r;
}

std::string refusal(const std::string& q, long long lo = 1, long long hi = kMaxId) {
  try {
    int_param(with_query(q), "unit_id", lo, hi);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 400);
    EXPECT_EQ(e.field, "unit_id");
    return e.code;
  }
  return "";
}

TEST(IntParam, AbsentOrEmptyIsNotGiven) {
  EXPECT_FALSE(int_param(with_query(""), "unit_id", 1, 10));
  EXPECT_FALSE(int_param(with_query("unit_id="), "unit_id", 1, 10));
  EXPECT_FALSE(int_param(with_query("other=3"), "unit_id", 1, 10));
}

TEST(IntParam, IntegersWithinTheRangeAreTaken) {
  EXPECT_EQ(int_param(with_query("unit_id=42"), "unit_id", 1, kMaxId), 42);
  EXPECT_EQ(int_param(with_query("unit_id=0"), "unit_id", 0, 5), 0);
  EXPECT_EQ(int_param(with_query("unit_id=-3"), "unit_id", -5, 5), -3);
  EXPECT_EQ(int_param(with_query("unit_id=999999999999999999"), "unit_id", 1, kMaxId), kMaxId);
}

TEST(IntParam, AnythingElseIsRefusedNamingTheParameter) {
  for (auto q : {"unit_id=abc", "unit_id=12abc", "unit_id=1.5", "unit_id=%2012", "unit_id=-", "unit_id=+3", "unit_id=1e3",
                 "unit_id=99999999999999999999", "unit_id=0", "unit_id=-1"})
    EXPECT_EQ(refusal(q), "request.bad_param") << q;
  EXPECT_EQ(refusal("unit_id=11", 1, 10), "request.bad_param");
}
}  // namespace
}  // namespace xt::app
