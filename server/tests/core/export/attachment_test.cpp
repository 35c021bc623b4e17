#include "core/export/xlsx.hpp"

#include <gtest/gtest.h>

#include "core/http/types.hpp"

namespace xt::exporting {
namespace {
bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

TEST(Attachment, AChineseNameIsPercentEncodedWithAPlainFallback) {
  auto h = attachment("历下区教育局_典型案例汇总表.xlsx");
  EXPECT_EQ(h.rfind("attachment; filename=\"download.xlsx\"; filename*=UTF-8''", 0), 0u) << h;
  EXPECT_NE(h.find("%E5%8E%86"), std::string::npos) << h;  // 历
}

TEST(Attachment, NoStoredNameCanSplitTheHeader) {
  for (std::string name : {std::string("scan.p\r\nSet-Cookie: xt_session=stolen"), std::string("a.pdf\nX: y"), std::string("a\"b.pdf"),
                           std::string("a.p\"; filename=\"evil.exe"), std::string("bad\xff\xfe.pdf"), std::string("\r\n"), std::string()}) {
    auto h = attachment(name);
    EXPECT_FALSE(has_control(h)) << h;
    EXPECT_EQ(h.find("Set-Cookie: "), std::string::npos) << h;
    auto quoted = h.substr(0, h.find(';', h.find("filename=")));
    EXPECT_EQ(std::count(quoted.begin(), quoted.end(), '"'), 2) << "the quoted fallback stays one token: " << h;
  }
  EXPECT_EQ(attachment("scan.p\r\nSet-Cookie: a").find("filename=\"download\""), 12u) << "an extension that is not plain letters is dropped";
}

TEST(Attachment, EveryHeaderValueLosesItsLineBreaks) {
  http::Response r;
  r.set_header("Content-Disposition", "attachment; filename=\"a\r\nSet-Cookie: x=1\"");
  r.set_header("X-Bad\r\nName", "v");
  for (auto& [k, v] : r.headers) {
    EXPECT_FALSE(has_control(k)) << k;
    EXPECT_FALSE(has_control(v)) << v;
  }
}
}  // namespace
}  // namespace xt::exporting
