// How import cells are read: dates as people type them in Excel, lists separated by 、 or
// commas, the header found below a note row with * on required titles.
#include "core/export/import_table.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/export/xlsx.hpp"
#include "core/http/errors.hpp"

namespace xt::exporting {
namespace {

TEST(ImportTable, DatesAsTyped) {
  EXPECT_EQ(parse_day("2026-03-05"), "2026-03-05");
  EXPECT_EQ(parse_day("2026/3/5"), "2026-03-05");
  EXPECT_EQ(parse_day("2026.3.5"), "2026-03-05");
  EXPECT_EQ(parse_day("2026年3月5日"), "2026-03-05");
  EXPECT_EQ(parse_day(" 46086 "), "2026-03-05");
  EXPECT_EQ(parse_day("2026-02-30"), "");
  EXPECT_EQ(parse_day("2026/3-5"), "");
  EXPECT_EQ(parse_day("三月五日"), "");
  EXPECT_EQ(parse_day(""), "");
}

TEST(ImportTable, Lists) {
  EXPECT_EQ(split_list("甲、乙，丙, 丁;戊；己\n庚"), (std::vector<std::string>{"甲", "乙", "丙", "丁", "戊", "己", "庚"}));
  EXPECT_EQ(split_list(" 、 "), std::vector<std::string>{});
  EXPECT_EQ(split_list("2026/3/1、2026/3/8"), (std::vector<std::string>{"2026/3/1", "2026/3/8"}));
}

TEST(ImportTable, HeaderBelowANoteWithStars) {
  auto dir = (std::filesystem::temp_directory_path() / "xt-import-table").string();
  auto bytes = exporting::xlsx_template(dir, "表", "说明", {{"学校", 10, "", true}, {"状态", 10, "", true}, {"备注"}}, {}, {{"甲校", "已组建", " 备 "}});
  auto t = read_table(bytes, {"学校", "状态"}, 10);
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0].number, 3);
  EXPECT_EQ(t.get(t.rows[0], "学校"), "甲校");
  EXPECT_EQ(t.get(t.rows[0], "备注"), "备") << "trimmed";
  EXPECT_EQ(t.get(t.rows[0], "没有这列"), "");
  try {
    read_table(bytes, {"学校", "成员单位"}, 10);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code, "import.missing_columns");
    EXPECT_NE(std::string(e.what()).find("成员单位"), std::string::npos);
  }
  try {
    read_table(bytes, {"学校"}, 0);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code, "import.too_many_rows");
  }
}
}  // namespace
}  // namespace xt::exporting
