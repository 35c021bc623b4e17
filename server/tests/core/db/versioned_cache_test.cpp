// The versioned answer cache: an answer is kept from its key's second request on, served only
// at the version it was computed for, and the least recently used goes first when full.
#include "core/db/versioned_cache.hpp"

#include <gtest/gtest.h>

namespace xt::db {
namespace {

// What a route does: ask, compute on a miss, offer the answer.
std::string ask(VersionedCache& c, const std::string& key, long long version, int& computed) {
  if (auto hit = c.get(key, version)) return *hit;
  ++computed;
  std::string answer = key + "@" + std::to_string(version);
  c.put(key, version, answer);
  return answer;
}

TEST(VersionedCache, AKeyAskedOnceIsNotKeptAndOneAskedAgainIs) {
  VersionedCache c(8);
  int computed = 0;
  EXPECT_EQ(ask(c, "a", 1, computed), "a@1");
  EXPECT_EQ(c.size(), 0u) << "a one-off answer is not copied into the cache";
  EXPECT_EQ(ask(c, "a", 1, computed), "a@1");
  EXPECT_EQ(c.size(), 1u);
  EXPECT_EQ(ask(c, "a", 1, computed), "a@1");
  EXPECT_EQ(computed, 2) << "the third request is served from the cache";
}

TEST(VersionedCache, ANewVersionIsComputedAgainAndReplacesTheOldAnswer) {
  VersionedCache c(8);
  int computed = 0;
  for (int i = 0; i < 3; ++i) ask(c, "a", 1, computed);
  EXPECT_EQ(computed, 2);
  EXPECT_EQ(ask(c, "a", 2, computed), "a@2");
  EXPECT_EQ(computed, 3);
  EXPECT_EQ(ask(c, "a", 2, computed), "a@2");
  EXPECT_EQ(computed, 3) << "a held key takes the new answer at once";
  EXPECT_FALSE(c.get("a", 1)) << "never an answer of another version";
}

TEST(VersionedCache, TheLeastRecentlyUsedGoesFirst) {
  VersionedCache c(2);
  int computed = 0;
  for (auto k : {"a", "a", "b", "b"}) ask(c, k, 1, computed);
  ask(c, "a", 1, computed);  // a is now the most recent
  for (auto k : {"c", "c"}) ask(c, k, 1, computed);
  EXPECT_EQ(c.size(), 2u);
  EXPECT_TRUE(c.get("a", 1));
  EXPECT_FALSE(c.get("b", 1));
  EXPECT_TRUE(c.get("c", 1));
}
}  // namespace
}  // namespace xt::db
