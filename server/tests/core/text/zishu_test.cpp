// The shared 字数 vectors: the same file drives web/tests/unit/zishu.test.ts.
#include "core/text/zishu.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#ifndef XIETONG_VECTORS_DIR
#error "XIETONG_VECTORS_DIR must be defined"
#endif

namespace xt::text {
namespace {
TEST(Zishu, SharedVectors) {
  std::ifstream in(std::string(XIETONG_VECTORS_DIR) + "/zishu.json");
  ASSERT_TRUE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = boost::json::parse(ss.str());
  auto& cases = doc.at("cases").as_array();
  ASSERT_GE(cases.size(), 10u);
  for (auto& c : cases) {
    std::string text(c.at("text").as_string());
    EXPECT_EQ(zishu(text), (size_t)c.at("count").as_int64()) << text;
  }
}

TEST(Zishu, LongTextAndBrokenBytes) {
  std::string s;
  for (int i = 0; i < 3000; ++i) s += "字";
  EXPECT_EQ(zishu(s), 3000u);
  EXPECT_EQ(zishu(s + " \n"), 3000u);
  EXPECT_EQ(zishu("\xE5\xAD"), 1u) << "a truncated sequence counts once";
  EXPECT_EQ(zishu("\xFF" "a"), 2u);
}
}  // namespace
}  // namespace xt::text
