// Strict JSON input: every bad body or field becomes one ApiError with status, code and field.
#include "core/json/json.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/http/errors.hpp"

namespace xt::json {
namespace {

template <class F>
std::optional<ApiError> api_error(F&& f) {
  try {
    f();
  } catch (const ApiError& e) {
    return e;
  }
  return std::nullopt;
}

#define EXPECT_API_ERROR(stmt, want_status, want_code, want_field)                      \
  do {                                                                                 \
    auto err_ = api_error([&] { stmt; });                                              \
    ASSERT_TRUE(err_.has_value()) << #stmt " did not throw ApiError";                  \
    EXPECT_EQ(err_->status, want_status) << err_->what();                              \
    EXPECT_EQ(err_->code, want_code) << err_->what();                                  \
    EXPECT_EQ(err_->field, want_field) << err_->what();                                \
  } while (0)

TEST(JsonParse, MalformedBodiesAre400MalformedJson) {
  for (const char* body : {"{", "{\"a\":}", "{'a':1}", "{\"a\":1,}", "nul", "[1,2", "{\"a\":1}}", "\xff\xfe"}) {
    SCOPED_TRACE(body);
    EXPECT_API_ERROR(parse(body), 400, "request.malformed_json", "");
  }
}

TEST(JsonParse, NestingDeeperThanTheLimitIsMalformed) {
  std::string deep(40, '[');
  deep += std::string(40, ']');
  EXPECT_API_ERROR(parse(deep), 400, "request.malformed_json", "");
  std::string ok(10, '[');
  ok += std::string(10, ']');
  EXPECT_TRUE(parse(ok).is_array());
}

TEST(JsonParse, EmptyBodyHasItsOwnCode) {
  EXPECT_API_ERROR(parse(""), 400, "request.empty_body", "");
}

TEST(JsonParse, ValidBodyParses) {
  auto v = parse(R"({"a":1,"b":"中"})");
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.at("a").as_int64(), 1);
  EXPECT_EQ(v.at("b").as_string(), "中");
  EXPECT_EQ(dump(v), R"({"a":1,"b":"中"})");
}

TEST(JsonFields, NotAnObjectIsRefused) {
  for (const char* body : {"[1,2]", "\"text\"", "42", "null", "true"}) {
    SCOPED_TRACE(body);
    auto v = parse(body);
    EXPECT_API_ERROR(Fields f(v), 400, "request.not_object", "");
  }
}

TEST(JsonFields, UnknownFieldIsNamed) {
  auto v = parse(R"({"name":"x","evil":1})");
  Fields f(v);
  EXPECT_EQ(f.req_string("name", "名称"), "x");
  auto e = api_error([&] { f.finish(); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 400);
  EXPECT_EQ(e->code, "request.unknown_field");
  EXPECT_EQ(e->field, "evil");
  EXPECT_NE(std::string(e->what()).find("evil"), std::string::npos) << e->what();
}

TEST(JsonFields, FinishAcceptsWhenEveryFieldWasRead) {
  auto v = parse(R"({"name":"x","n":3,"gone":null})");
  Fields f(v);
  f.req_string("name", "名称");
  f.opt_int("n", "数量");
  f.opt_string("gone", "备注");
  EXPECT_NO_THROW(f.finish());
}

TEST(JsonFields, ReadingAbsentOptionalFieldsStillLeavesUnknownOnesRefused) {
  auto v = parse(R"({"a":1,"b":2})");
  Fields f(v);
  EXPECT_FALSE(f.opt_int("zzz", "Z").has_value());
  f.req_int("a", "A");
  EXPECT_API_ERROR(f.finish(), 400, "request.unknown_field", "b");
}

TEST(JsonFields, WrongTypesAre422InvalidType) {
  auto v = parse(R"({"s":5,"i":"5","f":1.5,"b":"true","arr":{"x":1},"big":18446744073709551615,"neg":-3})");
  Fields f(v);
  EXPECT_API_ERROR(f.req_string("s", "名称"), 422, "request.invalid_type", "s");
  EXPECT_API_ERROR(f.req_int("i", "数量"), 422, "request.invalid_type", "i");
  EXPECT_API_ERROR(f.req_int("f", "数量"), 422, "request.invalid_type", "f");
  EXPECT_API_ERROR(f.opt_bool("b", "启用"), 422, "request.invalid_type", "b");
  EXPECT_API_ERROR(f.req_array("arr", "列表"), 422, "request.invalid_type", "arr");
  EXPECT_API_ERROR(f.req_int("big", "数量"), 422, "request.invalid_type", "big");
  EXPECT_EQ(f.req_int("neg", "数量"), -3);
}

TEST(JsonFields, InvalidTypeMessageNamesTheLabel) {
  auto v = parse(R"({"n":"x"})");
  Fields f(v);
  auto e = api_error([&] { f.req_int("n", "排序号"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(e->what()), "排序号应为整数");
}

TEST(JsonFields, RequiredMissingOrNullIs422Required) {
  auto v = parse(R"({"nul":null,"blank":"   \t\n"})");
  Fields f(v);
  EXPECT_API_ERROR(f.req_string("absent", "名称"), 422, "request.required", "absent");
  EXPECT_API_ERROR(f.req_string("nul", "名称"), 422, "request.required", "nul");
  EXPECT_API_ERROR(f.req_string("blank", "名称"), 422, "request.required", "blank");
  EXPECT_API_ERROR(f.req_int("absent", "数量"), 422, "request.required", "absent");
  EXPECT_API_ERROR(f.req_int("nul", "数量"), 422, "request.required", "nul");
  auto e = api_error([&] { f.req_string("absent", "单位名称"); });
  ASSERT_TRUE(e);
  EXPECT_EQ(std::string(e->what()), "请填写单位名称");
}

TEST(JsonFields, TooLongCountsCodePointsAndReportsTheNumbers) {
  auto v = parse(R"({"five":"一二三四五","six":"一二三四五六","ascii":"abcdef"})");
  Fields f(v);
  // 5 Chinese characters are 15 bytes but only 5 characters: accepted at max 5.
  EXPECT_EQ(f.req_string("five", "标题", 5), "一二三四五");
  auto e = api_error([&] { f.req_string("six", "标题", 5); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->status, 422);
  EXPECT_EQ(e->code, "request.too_long");
  EXPECT_EQ(e->field, "six");
  EXPECT_EQ(std::string(e->what()), "标题不超过5字（当前6字）");
  EXPECT_API_ERROR(f.req_string("ascii", "标题", 5), 422, "request.too_long", "ascii");
}

TEST(JsonFields, LengthIsCheckedAfterTrimming) {
  auto v = parse(R"({"t":"   一二三   "})");
  Fields f(v);
  EXPECT_EQ(f.req_string("t", "标题", 3), "一二三");
}

TEST(JsonFields, TrimsAsciiWhitespaceAtBothEndsOnly) {
  auto v = parse(R"({"a":"  a b \t\r\n","b":"\n\tx","c":"   ","d":""})");
  Fields f(v);
  EXPECT_EQ(f.req_string("a", "A"), "a b");
  EXPECT_EQ(f.req_string("b", "B"), "x");
  EXPECT_EQ(f.req_string("c", "C", 200, true), "");
  EXPECT_EQ(f.req_string("d", "D", 200, true), "");
}

TEST(JsonFields, NulCharacterInsideStringIsRefused) {
  auto v = parse(R"({"s":"a\u0000b"})");
  Fields f(v);
  EXPECT_API_ERROR(f.req_string("s", "名称"), 422, "request.invalid_char", "s");
}

TEST(JsonFields, OptionalAccessorsTreatNullAndAbsentAsNone) {
  auto v = parse(R"({"s":null,"i":null,"b":null,"s2":" v ","i2":7,"b2":false,"e":""})");
  Fields f(v);
  EXPECT_FALSE(f.opt_string("s", "S").has_value());
  EXPECT_FALSE(f.opt_int("i", "I").has_value());
  EXPECT_FALSE(f.opt_bool("b", "B").has_value());
  EXPECT_FALSE(f.opt_string("missing", "M").has_value());
  EXPECT_FALSE(f.opt_int("missing", "M").has_value());
  EXPECT_FALSE(f.opt_bool("missing", "M").has_value());
  EXPECT_EQ(f.opt_string("s2", "S").value(), "v");
  EXPECT_EQ(f.opt_int("i2", "I").value(), 7);
  EXPECT_EQ(f.opt_bool("b2", "B").value(), false);
  // An empty optional string is a present, empty value, not an error.
  EXPECT_EQ(f.opt_string("e", "E").value(), "");
  EXPECT_FALSE(f.has("s"));
  EXPECT_TRUE(f.has("s2"));
  EXPECT_NO_THROW(f.finish());
}

TEST(JsonFields, OptionalAccessorsStillCheckTypesAndLength) {
  auto v = parse(R"({"s":1,"i":"x","long":"一二三"})");
  Fields f(v);
  EXPECT_API_ERROR(f.opt_string("s", "S"), 422, "request.invalid_type", "s");
  EXPECT_API_ERROR(f.opt_int("i", "I"), 422, "request.invalid_type", "i");
  EXPECT_API_ERROR(f.opt_string("long", "L", 2), 422, "request.too_long", "long");
}

TEST(JsonFields, IntArrays) {
  auto v = parse(R"({"ok":[1,-2,3],"none":null,"str":[1,"2"],"flt":[1,2.5],"nested":[[1]],"obj":[{"a":1}],"bool":[true],"notarr":5,"many":[1,2,3]})");
  Fields f(v);
  EXPECT_EQ(f.int_array("ok", "单位"), (std::vector<long long>{1, -2, 3}));
  EXPECT_TRUE(f.int_array("none", "单位").empty());
  EXPECT_TRUE(f.int_array("absent", "单位").empty());
  for (const char* k : {"str", "flt", "nested", "obj", "bool", "notarr"}) {
    SCOPED_TRACE(k);
    EXPECT_API_ERROR(f.int_array(k, "单位"), 422, "request.invalid_type", k);
  }
  EXPECT_API_ERROR(f.int_array("many", "单位", 2), 422, "request.too_many", "many");
  EXPECT_EQ(f.int_array("many", "单位", 3).size(), 3u);
}

TEST(JsonFields, NestedPrefixAppearsInEveryFieldName) {
  auto v = parse(R"({"unit_id":"x","post":5,"role_ids":[1,"a"],"extra":1})");
  Fields f(v, "memberships[2].");
  EXPECT_API_ERROR(f.req_int("unit_id", "单位"), 422, "request.invalid_type", "memberships[2].unit_id");
  EXPECT_API_ERROR(f.req_string("post", "职务"), 422, "request.invalid_type", "memberships[2].post");
  EXPECT_API_ERROR(f.int_array("role_ids", "角色"), 422, "request.invalid_type", "memberships[2].role_ids");
  EXPECT_API_ERROR(f.req_string("missing", "名称"), 422, "request.required", "memberships[2].missing");
  auto e = api_error([&] { f.finish(); });
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, "request.unknown_field");
  EXPECT_EQ(e->field, "memberships[2].extra");
  EXPECT_NE(std::string(e->what()).find("memberships[2].extra"), std::string::npos);
}

TEST(JsonFields, RawReturnsValueAndMarksItRead) {
  auto v = parse(R"({"detail":{"x":1},"n":null})");
  Fields f(v);
  auto r = f.raw("detail");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->at("x").as_int64(), 1);
  EXPECT_EQ(f.raw("n"), nullptr);
  EXPECT_EQ(f.raw("absent"), nullptr);
  EXPECT_NO_THROW(f.finish());
}

TEST(JsonCharCount, CountsCodePoints) {
  EXPECT_EQ(char_count(""), 0u);
  EXPECT_EQ(char_count("abc"), 3u);
  EXPECT_EQ(char_count("中文"), 2u);
  EXPECT_EQ(char_count("家校社协同育人"), 7u);
  EXPECT_EQ(char_count("a中b"), 3u);
  EXPECT_EQ(char_count("\xF0\x9F\x98\x80"), 1u);  // U+1F600, 4 bytes
  EXPECT_EQ(char_count("é"), 1u);                 // U+00E9, 2 bytes
  EXPECT_EQ(char_count("a b"), 3u);
}

TEST(ErrorBody, EnvelopeHasCodeMessageAndOptionalField) {
  auto with = boost::json::parse(error_body("cases.x", "消息", "overview"));
  EXPECT_EQ(with.at("error").at("code").as_string(), "cases.x");
  EXPECT_EQ(with.at("error").at("message").as_string(), "消息");
  EXPECT_EQ(with.at("error").at("field").as_string(), "overview");
  auto without = boost::json::parse(error_body("a.b", "m"));
  EXPECT_FALSE(without.at("error").as_object().contains("field"));
}
}  // namespace
}  // namespace xt::json
