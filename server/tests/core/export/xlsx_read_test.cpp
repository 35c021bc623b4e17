// Reading what users upload: a sheet written by our own writer and one with inline strings
// read back cell for cell; files that are not workbooks, too many rows, and a part that
// inflates past the limit refused with a message; Excel date numbers.
#include "core/export/xlsx_read.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/docs/zip.hpp"
#include "core/export/xlsx.hpp"

namespace xt::exporting {
namespace {

std::string tmp() {
  auto d = std::filesystem::temp_directory_path() / "xt-xlsx-read";
  std::filesystem::create_directories(d);
  return d.string();
}

TEST(XlsxRead, ReadsBackWhatTheWriterWrote) {
  auto bytes = xlsx_table(tmp(), "表", {{"学校"}, {"人数"}, {"备注"}}, {{"济南市历下区燕山小学", "45", ""}, {"", "", "只有第三列"}, {"a&b<c>", "0", "x"}});
  auto rows = read_first_sheet(bytes);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"学校", "人数", "备注"}));
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"济南市历下区燕山小学", "45"})) << "trailing empty cells left out";
  EXPECT_EQ(rows[2].cells, (std::vector<std::string>{"", "", "只有第三列"}));
  EXPECT_EQ(rows[3].cells.at(0), "a&b<c>") << "entities decoded";
}

std::string workbook(const std::string& sheet_xml, const std::string& shared = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"[Content_Types].xml", "<Types/>"},
      {"xl/workbook.xml",
       R"(<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId7"/></sheets></workbook>)"},
      {"xl/_rels/workbook.xml.rels", R"(<Relationships><Relationship Id="rId7" Target="worksheets/data.xml"/></Relationships>)"},
      {"xl/worksheets/data.xml", sheet_xml}};
  if (!shared.empty()) parts.push_back({"xl/sharedStrings.xml", shared});
  return docs::zip_archive(parts);
}

TEST(XlsxRead, InlineStringsSharedRichTextAndGaps) {
  auto bytes = workbook(
      R"(<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>内联</t></is></c><c r="D2" t="s"><v>1</v></c></row>)"
      R"(<row r="5"><c r="A5"><v>46086</v></c><c r="C5" t="b"><v>1</v></c></row></sheetData></worksheet>)",
      R"(<sst><si><t>零</t></si><si><r><t>富</t></r><r><t>文本</t></r><rPh><t>ふりがな</t></rPh></si></sst>)");
  auto rows = read_first_sheet(bytes);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].number, 2);
  EXPECT_EQ(rows[0].cells, (std::vector<std::string>{"", "内联", "", "富文本"})) << "phonetic runs left out";
  EXPECT_EQ(rows[1].number, 5);
  EXPECT_EQ(rows[1].cells, (std::vector<std::string>{"46086", "", "1"}));
  EXPECT_EQ(date_from_serial("46086"), "2026-03-05");
  EXPECT_EQ(date_from_serial("45658"), "2025-01-01");
  EXPECT_EQ(date_from_serial("2026-03-05"), "");
  EXPECT_EQ(date_from_serial("0"), "");
}

TEST(XlsxRead, RefusesWhatIsNotAWorkbookOrTooBig) {
  auto refused = [](const std::string& bytes, ReadLimits lim = {}) {
    try {
      read_first_sheet(bytes, lim);
    } catch (const XlsxReadError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(refused("%PDF-1.7").find(".xlsx"), std::string::npos);
  EXPECT_NE(refused("PK\x03\x04 broken").find(".xlsx"), std::string::npos);
  EXPECT_NE(refused(docs::zip_archive({{"word/document.xml", "<w/>"}})).find(".xlsx"), std::string::npos) << "a Word file";
  EXPECT_NE(refused(workbook("<worksheet><sheetData><row>")).find("损坏"), std::string::npos);
  std::string many = "<worksheet><sheetData>";
  for (int i = 1; i <= 30; ++i) many += "<row r=\"" + std::to_string(i) + "\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
  many += "</sheetData></worksheet>";
  ReadLimits lim;
  lim.max_rows = 10;
  EXPECT_NE(refused(workbook(many), lim).find("行数超过上限"), std::string::npos);
  // a part that inflates to far more than the limit: refused before it is read
  std::string bomb = "<worksheet><sheetData>" + std::string(3 << 20, ' ') + "</sheetData></worksheet>";
  lim = {};
  lim.max_part_bytes = 1 << 20;
  auto file = workbook(bomb);
  EXPECT_LT(file.size(), 100000u);
  EXPECT_NE(refused(file, lim).find("过大"), std::string::npos);
}
}  // namespace
}  // namespace xt::exporting
