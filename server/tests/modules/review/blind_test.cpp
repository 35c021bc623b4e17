// Hiding unit names from experts in a blind review.
#include <gtest/gtest.h>

#include "modules/review/blind.hpp"

using namespace xt::review;

TEST(ReviewBlind, NamesAndTheirShortFormsAreHidden) {
  auto v = name_variants({"济南市历下区实验小学", "济南市博物馆"});
  // 济南市历下区实验小学 → 历下区实验小学 → 实验小学; 济南市博物馆 → 博物馆 (3 characters: kept visible).
  EXPECT_NE(std::find(v.begin(), v.end(), "济南市历下区实验小学"), v.end());
  EXPECT_NE(std::find(v.begin(), v.end(), "历下区实验小学"), v.end());
  EXPECT_NE(std::find(v.begin(), v.end(), "实验小学"), v.end());
  EXPECT_EQ(std::find(v.begin(), v.end(), "博物馆"), v.end());
  auto text = "济南市历下区实验小学联合济南市博物馆开设课程，历下区实验小学的老师和实验小学的家长都参加了。";
  EXPECT_EQ(hide_names(text, v), "××联合××开设课程，××的老师和××的家长都参加了。");
}

TEST(ReviewBlind, TextWithoutNamesIsUnchanged) {
  auto v = name_variants({"历城区第二中学"});
  EXPECT_EQ(hide_names("家访是一项常规工作。", v), "家访是一项常规工作。");
  EXPECT_EQ(hide_names("", v), "");
}
