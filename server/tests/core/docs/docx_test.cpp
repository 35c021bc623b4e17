// DOCX of a write-up: the package parts, the layout from the format, and text that survives
// any input (XML specials, characters outside the BMP, control characters).
#include "core/docs/docx.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "core/docs/zip.hpp"

namespace xt::docs {
namespace {

std::map<std::string, std::string> parts(const std::string& bytes) {
  std::map<std::string, std::string> m;
  for (auto& [k, v] : unzip_archive(bytes)) m[k] = v;
  return m;
}

Document sample() {
  return {"家长学校进社区",
          {{Kind::Title, "家长学校进社区"},
           {Kind::Plain, "牵头单位：济南第一中学"},
           {Kind::Heading1, "一、成果概述"},
           {Kind::Body, "第一段。\n\n第二段：A<B & \"C\" 𠮷😀"},
           {Kind::Heading1, "二、案例介绍"},
           {Kind::Heading2, "（一）实施背景"},
           {Kind::Body, std::string("控制\x01字符") + "\x0b" + "已删去"}}};
}

TEST(Zip, AFileStoresCompressedContentAsIsAndReadsEntriesFromFiles) {
  auto dir = std::filesystem::temp_directory_path() / ("xt-zip-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string noise(200000, '\0');
  unsigned x = 7;
  for (auto& c : noise) c = (char)((x = x * 1103515245 + 12345) >> 16);
  std::ofstream(dir / "evidence.pdf", std::ios::binary) << noise;
  auto out = (dir / "package.zip").string();
  zip_file(out, {{"1_案例.pdf", "", (dir / "evidence.pdf").string()}, {"说明.txt", std::string(200000, 'x'), ""}});
  std::ifstream in(out, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto back = unzip_archive(bytes);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].first, "1_案例.pdf");
  EXPECT_EQ(back[0].second, noise);
  EXPECT_EQ(back[1].second.size(), 200000u);
  EXPECT_LT(bytes.size(), noise.size() + 5000) << "the text is deflated, the PDF stored";
  EXPECT_TRUE(stored_uncompressed("a.PDF"));
  EXPECT_TRUE(stored_uncompressed("附件3.xlsx"));
  EXPECT_FALSE(stored_uncompressed("word/document.xml"));
  EXPECT_FALSE(stored_uncompressed("README"));
  EXPECT_THROW(zip_file(out, {{"missing.pdf", "", (dir / "nope.pdf").string()}}), std::runtime_error);
  std::filesystem::remove_all(dir);
}

TEST(Zip, RoundTripsEntriesInOrder) {
  auto z = zip_archive({{"a.txt", "甲"}, {"dir/b.xml", std::string(100000, 'x')}, {"empty", ""}});
  EXPECT_EQ(z.substr(0, 2), "PK");
  auto back = unzip_archive(z);
  ASSERT_EQ(back.size(), 3u);
  EXPECT_EQ(back[0], (std::pair<std::string, std::string>{"a.txt", "甲"}));
  EXPECT_EQ(back[1].second.size(), 100000u);
  EXPECT_LT(z.size(), 2000u) << "entries are deflated";
  EXPECT_THROW(unzip_archive("PK\x03\x04 broken"), std::runtime_error);
  EXPECT_THROW(unzip_archive(z.substr(0, z.size() - 10)), std::runtime_error);
}

TEST(XmlSafe, KeepsTextAndDropsWhatXmlCannotHold) {
  EXPECT_EQ(xml_safe("𠮷野家😀，“引号”"), "𠮷野家😀，“引号”");
  EXPECT_EQ(xml_safe("a\x01" "b\tc\nd"), "ab\tc\nd");
  EXPECT_EQ(xml_safe("a\xED\xA0\x80" "b"), "ab") << "an encoded surrogate";
  EXPECT_EQ(xml_safe("a\xC0\xAF" "b"), "ab") << "overlong";
  EXPECT_EQ(xml_safe("a\xE4\xB8" "b"), "ab") << "cut in the middle of a character";
  EXPECT_EQ(xml_safe("\xEF\xBF\xBF"), "");
  EXPECT_EQ(xml_escape("<a href=\"x\">&</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
}

TEST(Docx, HasEveryPartWordNeeds) {
  auto p = parts(docx(sample(), Layout{}));
  for (auto name : {"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
                    "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "docProps/core.xml"})
    EXPECT_TRUE(p.count(name)) << name;
  for (auto& [name, xml] : p) {
    bool is_xml_part = name.size() > 4 && name.substr(name.size() - 4) == ".xml" && name != "[Content_Types].xml";
    if (is_xml_part) EXPECT_NE(p["[Content_Types].xml"].find("PartName=\"/" + name + "\""), std::string::npos) << name << " has its content type";
    EXPECT_EQ(xml.find('\x01'), std::string::npos);
  }
}

TEST(Docx, TheQingdaoLayout) {
  auto p = parts(docx(sample(), Layout{}));
  auto& st = p["word/styles.xml"];
  EXPECT_NE(st.find(R"(w:line="540" w:lineRule="exact")"), std::string::npos) << "exact 27 pt";
  EXPECT_NE(st.find(R"(w:firstLineChars="200" w:firstLine="640")"), std::string::npos) << "2 characters of 16 pt";
  EXPECT_NE(st.find(R"(w:eastAsia="方正小标宋_GBK")"), std::string::npos);
  EXPECT_NE(st.find(R"(<w:sz w:val="44"/>)"), std::string::npos) << "二号 = 22 pt";
  EXPECT_NE(st.find(R"(w:eastAsia="黑体")"), std::string::npos);
  EXPECT_NE(st.find(R"(w:eastAsia="楷体_GB2312")"), std::string::npos);
  EXPECT_NE(st.find(R"(w:eastAsia="仿宋_GB2312")"), std::string::npos);
  EXPECT_EQ(st.find("docGrid"), std::string::npos);
  EXPECT_EQ(st.find("<w:b/>"), std::string::npos) << "no synthetic bold";
  auto& d = p["word/document.xml"];
  EXPECT_NE(d.find(R"(<w:pgSz w:w="11906" w:h="16838"/>)"), std::string::npos) << "A4";
  EXPECT_NE(d.find(R"(w:top="2098" w:right="1474" w:bottom="1984" w:left="1587")"), std::string::npos) << "GB/T 9704 margins";
  EXPECT_NE(p["word/footer1.xml"].find(R"(w:instr=" PAGE ")"), std::string::npos);
  EXPECT_NE(p["word/footer1.xml"].find("— "), std::string::npos);
}

TEST(Docx, AnotherCallsLayoutNeedsNoCode) {
  Layout l;
  l.title = {"黑体", 16};
  l.body = {"宋体", 14};
  l.line_pt = 28;
  auto st = parts(docx(sample(), l))["word/styles.xml"];
  EXPECT_NE(st.find(R"(w:line="560" w:lineRule="exact")"), std::string::npos);
  EXPECT_NE(st.find(R"(w:eastAsia="宋体")"), std::string::npos);
  EXPECT_NE(st.find(R"(<w:sz w:val="28"/>)"), std::string::npos) << "四号 = 14 pt";
  EXPECT_NE(st.find(R"(w:firstLine="560")"), std::string::npos) << "2 characters of 14 pt";
  EXPECT_EQ(st.find("方正小标宋_GBK\" w:hAnsi"), std::string::npos);
}

TEST(Docx, ParagraphsInOrderAndTextSurvives) {
  auto d = parts(docx(sample(), Layout{}))["word/document.xml"];
  auto at = [&](const std::string& s) { return d.find(s); };
  EXPECT_LT(at("家长学校进社区"), at("牵头单位"));
  EXPECT_LT(at("一、成果概述"), at("第一段。"));
  EXPECT_LT(at("第一段。"), at("第二段"));
  EXPECT_LT(at("二、案例介绍"), at("（一）实施背景"));
  EXPECT_NE(at(R"(<w:pStyle w:val="Heading2"/>)"), std::string::npos);
  EXPECT_NE(at("A&lt;B &amp; &quot;C&quot; 𠮷😀"), std::string::npos);
  EXPECT_NE(at("控制字符已删去"), std::string::npos);
  EXPECT_NE(at(R"(<w:rFonts w:hint="eastAsia"/>)"), std::string::npos) << "punctuation in the CJK font";
  EXPECT_EQ(d.find("<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr></w:p>"), std::string::npos) << "the blank line made no paragraph";
}
TEST(Docx, TablesHaveBordersARepeatedHeaderAndFixedWidths) {
  Document doc{"汇总表", {{Kind::Title, "汇总表"}, {Kind::Table, "", Table{{"序号", "单位", "备注"}, {1, 3, 2}, {{"1", "济南第一中学", "<优秀>"}, {"2"}}}}}};
  auto d = parts(docx(doc, Layout{}))["word/document.xml"];
  EXPECT_NE(d.find(R"(<w:tblW w:w="8845" w:type="dxa"/>)"), std::string::npos) << "the text width";
  EXPECT_NE(d.find(R"(<w:tblLayout w:type="fixed"/>)"), std::string::npos);
  EXPECT_NE(d.find(R"(<w:insideV w:val="single" w:sz="4")"), std::string::npos) << "½ pt borders";
  EXPECT_NE(d.find("<w:tblHeader/>"), std::string::npos) << "the header repeats on each page";
  EXPECT_NE(d.find(R"(<w:gridCol w:w="1474"/><w:gridCol w:w="4422"/><w:gridCol w:w="2948"/>)"), std::string::npos);
  EXPECT_NE(d.find(R"(w:eastAsia="黑体"/></w:rPr><w:t xml:space="preserve">序号)"), std::string::npos);
  EXPECT_NE(d.find("&lt;优秀&gt;"), std::string::npos);
  size_t cells = 0;
  for (size_t at = d.find("<w:tc>"); at != std::string::npos; at = d.find("<w:tc>", at + 1)) ++cells;
  EXPECT_EQ(cells, 9u) << "a short row is padded to the header's width";
}
}  // namespace
}  // namespace xt::docs
