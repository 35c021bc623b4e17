// Call rules read from JSON: the document format (fonts and sizes per level, line spacing).
#include "modules/cases/json.hpp"

#include <gtest/gtest.h>

#include "core/http/errors.hpp"

namespace xt::cases {
namespace {
namespace bj = boost::json;

bj::object rules_with(const bj::value& format) {
  auto r = to_json(qingdao_template());
  r["format"] = format;
  return r;
}

std::string code_of(const bj::value& rules) {
  try {
    rules_from(rules);
  } catch (const ApiError& e) {
    return e.code;
  }
  return "";
}

TEST(CallFormat, TheQingdaoFormatIsTheDefault) {
  auto r = qingdao_template();
  EXPECT_EQ(r.format.title.font, "方正小标宋_GBK");
  EXPECT_EQ(r.format.title.size_pt, 22);
  EXPECT_EQ(r.format.h1.font, "黑体");
  EXPECT_EQ(r.format.h2.font, "楷体_GB2312");
  EXPECT_EQ(r.format.body.font, "仿宋_GB2312");
  EXPECT_EQ(r.format.body.size_pt, 16);
  EXPECT_EQ(r.format.line_pt, 27);
  auto j = to_json(r);
  j.erase("format");
  EXPECT_EQ(rules_from(j).format.body.font, "仿宋_GB2312") << "rules stored before formats existed read as the default";
}

TEST(CallFormat, AnotherCallsFormatRoundTrips) {
  // Suzhou Industrial Park 2021: titles 黑体 三号, body 宋体 四号.
  bj::object f{{"title", {{"font", "黑体"}, {"size_pt", 16}}}, {"h1", {{"font", "黑体"}, {"size_pt", 16}}},
               {"h2", {{"font", "楷体"}, {"size_pt", 14}}}, {"body", {{"font", "宋体"}, {"size_pt", 14}}},
               {"line_pt", 28}, {"indent_chars", 2}};
  auto r = rules_from(rules_with(f));
  EXPECT_EQ(r.format.title.font, "黑体");
  EXPECT_EQ(r.format.body.font, "宋体");
  EXPECT_EQ(r.format.body.size_pt, 14);
  EXPECT_EQ(r.format.line_pt, 28);
  EXPECT_EQ(bj::serialize(to_json(r.format)), bj::serialize(to_json(rules_from(to_json(r)).format)));
  bj::object partial{{"body", {{"font", "宋体"}, {"size_pt", 10.5}}}};
  auto p = rules_from(rules_with(partial));
  EXPECT_EQ(p.format.body.size_pt, 10.5) << "五号";
  EXPECT_EQ(p.format.title.font, "方正小标宋_GBK") << "levels not given keep the default";
}

TEST(CallFormat, BadFormatsAreRefusedWithTheField) {
  EXPECT_EQ(code_of(rules_with(bj::object{{"body", {{"font", "Comic Sans"}, {"size_pt", 16}}}})), "cases.font_unknown");
  EXPECT_EQ(code_of(rules_with(bj::object{{"body", {{"font", "宋体"}, {"size_pt", 100}}}})), "cases.rule_out_of_range");
  EXPECT_EQ(code_of(rules_with(bj::object{{"body", {{"font", "宋体"}, {"size_pt", "三号"}}}})), "request.invalid_type");
  EXPECT_EQ(code_of(rules_with(bj::object{{"body", {{"font", "宋体"}}}})), "request.required");
  EXPECT_EQ(code_of(rules_with(bj::object{{"line_pt", 5}})), "cases.rule_out_of_range");
  EXPECT_EQ(code_of(rules_with(bj::object{{"indent_chars", "2"}})), "request.invalid_type");
  EXPECT_EQ(code_of(rules_with(bj::object{{"colour", "red"}})), "request.unknown_field");
  EXPECT_EQ(code_of(rules_with(bj::object{{"body", {{"font", "宋体"}, {"size_pt", 16}, {"bold", true}}}})), "request.unknown_field");
}
}  // namespace
}  // namespace xt::cases
