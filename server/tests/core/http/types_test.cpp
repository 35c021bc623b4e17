// Request helpers: headers, cookies, query parameters and percent decoding.
#include "core/http/types.hpp"

#include <gtest/gtest.h>

namespace xt::http {
namespace {

Request with_header(const std::string& name, const std::string& value) {
  Request r;
  r.headers.emplace_back(name, value);
  return r;
}

Request with_query(const std::string& q) {
  Request r;
  r.query = q;
  return r;
}

TEST(UrlDecode, PercentSequences) {
  EXPECT_EQ(url_decode("%E4%B8%AD%E6%96%87", false), "中文");
  EXPECT_EQ(url_decode("%e4%b8%ad", false), "中");
  EXPECT_EQ(url_decode("a%20b", false), "a b");
  EXPECT_EQ(url_decode("%41%42C", false), "ABC");
  EXPECT_EQ(url_decode("%2B", true), "+");
  EXPECT_EQ(url_decode("%2F", false), "/");
  EXPECT_EQ(url_decode("", false), "");
  EXPECT_EQ(url_decode("plain", true), "plain");
}

TEST(UrlDecode, PlusIsSpaceOnlyWhenAsked) {
  EXPECT_EQ(url_decode("a+b+c", true), "a b c");
  EXPECT_EQ(url_decode("a+b+c", false), "a+b+c");
}

TEST(UrlDecode, MalformedEscapesStayAsTheyAre) {
  EXPECT_EQ(url_decode("%zz", false), "%zz");
  EXPECT_EQ(url_decode("100%", false), "100%");
  EXPECT_EQ(url_decode("%4", false), "%4");
  EXPECT_EQ(url_decode("%g1x", false), "%g1x");
  EXPECT_EQ(url_decode("a%", false), "a%");
  EXPECT_EQ(url_decode("%%41", false), "%A");
}

TEST(UrlDecode, DecodesNulToARealNulByte) {
  auto s = url_decode("a%00b", false);
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], '\0');
}

TEST(RequestHeader, NameIsCaseInsensitive) {
  auto r = with_header("content-type", "application/json");
  EXPECT_EQ(r.header("Content-Type").value(), "application/json");
  EXPECT_EQ(r.header("CONTENT-TYPE").value(), "application/json");
  EXPECT_FALSE(r.header("content-typ").has_value());
  EXPECT_FALSE(r.header("accept").has_value());
}

TEST(RequestCookie, FindsTheNamedCookie) {
  auto r = with_header("cookie", "a=1; xt_session=tok123; b=2");
  EXPECT_EQ(r.cookie("xt_session").value(), "tok123");
  EXPECT_EQ(r.cookie("a").value(), "1");
  EXPECT_EQ(r.cookie("b").value(), "2");
}

TEST(RequestCookie, MissingCookieOrHeader) {
  EXPECT_FALSE(Request{}.cookie("xt_session").has_value());
  auto r = with_header("cookie", "a=1; b=2");
  EXPECT_FALSE(r.cookie("xt_session").has_value());
  EXPECT_FALSE(r.cookie("").has_value());
}

TEST(RequestCookie, NamesMatchExactlyNotByPrefixOrSuffix) {
  auto r = with_header("cookie", "my_xt_session=bad; xt_session_old=worse; xt_session=good");
  EXPECT_EQ(r.cookie("xt_session").value(), "good");
  EXPECT_FALSE(r.cookie("xt").has_value());
  EXPECT_FALSE(r.cookie("session").has_value());
}

TEST(RequestCookie, FirstOccurrenceWinsAndValuesMayHoldEquals) {
  auto r = with_header("cookie", "t=a=b;t=second");
  EXPECT_EQ(r.cookie("t").value(), "a=b");
  auto e = with_header("cookie", "empty=; x=1");
  EXPECT_EQ(e.cookie("empty").value(), "");
  auto noeq = with_header("cookie", "flag; x=1");
  EXPECT_FALSE(noeq.cookie("flag").has_value());
  EXPECT_EQ(noeq.cookie("x").value(), "1");
}

TEST(RequestCookie, HeaderNameCaseDoesNotMatter) {
  auto r = with_header("Cookie", "__Host-xt_session=abc");
  EXPECT_EQ(r.cookie("__Host-xt_session").value(), "abc");
}

TEST(RequestQueryParam, DecodesPlusAndPercent) {
  auto r = with_query("q=a+b&name=%E5%8E%86%E4%B8%8B&plus=1%2B1&page=2");
  EXPECT_EQ(r.query_param("q").value(), "a b");
  EXPECT_EQ(r.query_param("name").value(), "历下");
  EXPECT_EQ(r.query_param("plus").value(), "1+1");
  EXPECT_EQ(r.query_param("page").value(), "2");
}

TEST(RequestQueryParam, MissingEmptyAndBare) {
  auto r = with_query("empty=&bare&x=1");
  EXPECT_EQ(r.query_param("empty").value(), "");
  EXPECT_EQ(r.query_param("bare").value(), "");
  EXPECT_FALSE(r.query_param("missing").has_value());
  EXPECT_FALSE(r.query_param("x=1").has_value());
  EXPECT_FALSE(with_query("").query_param("x").has_value());
}

TEST(RequestQueryParam, KeysAreDecodedAndMatchedExactly) {
  auto r = with_query("a%20b=1&pagesize=9&page=3&page=4");
  EXPECT_EQ(r.query_param("a b").value(), "1");
  EXPECT_EQ(r.query_param("page").value(), "3");
  EXPECT_EQ(r.query_param("pagesize").value(), "9");
  EXPECT_FALSE(r.query_param("pag").has_value());
}

TEST(RequestQueryParam, TrailingAndDoubledAmpersands) {
  auto r = with_query("&&a=1&&b=2&");
  EXPECT_EQ(r.query_param("a").value(), "1");
  EXPECT_EQ(r.query_param("b").value(), "2");
}

TEST(Response, SetHeaderReplacesAndJsonAndNoContent) {
  Response r;
  r.set_header("ETag", "\"1\"");
  r.set_header("ETag", "\"2\"");
  r.set_header("Vary", "Accept-Encoding");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.headers[0].second, "\"2\"");
  auto j = Response::json("{}", 201);
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.body, "{}");
  EXPECT_EQ(j.content_type, "application/json; charset=utf-8");
  auto n = Response::no_content();
  EXPECT_EQ(n.status, 204);
  EXPECT_TRUE(n.content_type.empty());
  EXPECT_TRUE(n.body.empty());
}
}  // namespace
}  // namespace xt::http
