// Excel import of school-level alliances and of activities: the template offers the district's
// schools and units as drop-downs; a file that is not XLSX or lacks columns is refused; rows
// that fail come back in the same rows with an error column; nothing is imported unless every
// row passes, or only the good rows when asked; 10,000 rows with one bad row import nothing.
#include <filesystem>

#include "core/docs/zip.hpp"
#include "core/export/xlsx.hpp"
#include "core/export/xlsx_read.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;
using Rows = std::vector<std::vector<std::string>>;

std::string tmp() {
  auto d = std::filesystem::temp_directory_path() / "xt-import-test";
  std::filesystem::create_directories(d);
  return d.string();
}

std::string xlsx(const std::vector<std::string>& header, const Rows& rows) {
  std::vector<exporting::Column> cols;
  for (auto& h : header) cols.push_back({h});
  return exporting::xlsx_table(tmp(), "导入", cols, rows);
}

const std::vector<std::string> kAllianceHeader = {"学校*", "教联体名称", "状态*", "组建日期", "成员单位*", "角色", "联系人", "联系电话", "承担的工作"};
const std::vector<std::string> kActivityHeader = {"活动类型*", "活动名称*", "日期*", "状态", "地点", "合作单位", "活动对象", "学生人数", "家长人数", "教师人数", "其他人数", "简介"};

struct ImportFixture : ::testing::Test {
  Client lx{shared_port()}, museum{shared_port()};
  void SetUp() override {
    ASSERT_EQ(lx.login("lixia").status, 200);
    ASSERT_EQ(museum.login("unit0001").status, 200);
  }
  // Counted 历下 schools with no alliance, by name.
  std::vector<std::string> free_schools(size_t n) {
    auto r = lx.get("/api/v1/alliance/dashboard/schools?status=none&page_size=" + std::to_string(n));
    std::vector<std::string> out;
    for (auto& s : r.json.at("items").as_array()) out.emplace_back(s.at("name").as_string());
    EXPECT_EQ(out.size(), n);
    return out;
  }
  long long covered() { return lx.get("/api/v1/alliance/dashboard").json.at("covered").as_int64(); }
  long long activities() { return museum.get("/api/v1/alliance/activities?page_size=1").json.at("total").as_int64(); }
};

TEST_F(ImportFixture, TheTemplateOffersTheDistrictsSchoolsAndUnits) {
  auto r = lx.get("/api/v1/alliance/imports/alliances/template");
  ASSERT_EQ(r.status, 200) << r.body;
  auto rows = exporting::read_first_sheet(r.body);
  ASSERT_GE(rows.size(), 3u);
  EXPECT_EQ(rows[1].cells.at(0), "学校*");
  EXPECT_EQ(rows[1].cells.at(4), "成员单位*");
  std::map<std::string, std::string> parts;
  for (auto& [name, data] : docs::unzip_archive(r.body)) parts[name] = data;
  EXPECT_NE(parts["xl/worksheets/sheet1.xml"].find("<dataValidation"), std::string::npos) << "drop-downs";
  EXPECT_NE(parts["xl/workbook.xml"].find("state=\"hidden\""), std::string::npos) << "the lists on hidden sheets";
  EXPECT_NE(parts["xl/sharedStrings.xml"].find("历下区人民医院"), std::string::npos) << "the district's units";
  EXPECT_EQ(parts["xl/sharedStrings.xml"].find("市中区人民医院"), std::string::npos) << "not another district's";
}

TEST_F(ImportFixture, TwoSchoolsFormTheirAlliancesByImport) {
  auto schools = free_schools(3);
  ASSERT_EQ(schools.size(), 3u);
  auto before = covered();
  Rows rows = {
      {schools[0], "", "已组建", "2026-09-01", "历下区人民医院", "成员", "李医生", "0531-86661234", "健康副校长"},
      {schools[0], "", "", "", "济南市博物馆", "成员", "", "", "一校一馆一课"},
      {schools[1], "甲校教联体", "已组建", "46266", "历下区图书馆", "", "王馆长", "", ""},  // an Excel date number: 2026-08-30
      {schools[2], "", "已组建", "2026-09-01", "市中区图书馆", "成员", "", "", ""},         // another district's unit
  };
  auto file = xlsx(kAllianceHeader, rows);
  auto check = lx.post("/api/v1/alliance/imports/alliances?mode=check", file);
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.json.at("total").as_int64(), 4);
  EXPECT_EQ(check.json.at("bad").as_int64(), 1);
  auto& err = check.json.at("errors").as_array().at(0);
  EXPECT_EQ(err.at("row").as_int64(), 5);
  EXPECT_NE(std::string(err.at("message").as_string()).find("不在本区县"), std::string::npos) << err;
  // all-or-nothing refuses; nothing changed
  auto all = lx.post("/api/v1/alliance/imports/alliances?mode=all", file);
  EXPECT_EQ(all.code(), "import.has_errors");
  EXPECT_EQ(covered(), before);
  // the error file: the same rows, failing first, with 错误说明
  auto back = lx.post("/api/v1/alliance/imports/alliances?mode=errors", file);
  ASSERT_EQ(back.status, 200);
  auto sheet = exporting::read_first_sheet(back.body);
  ASSERT_EQ(sheet.size(), 5u);
  EXPECT_EQ(sheet[0].cells.back(), "错误说明");
  EXPECT_EQ(sheet[1].cells.at(0), "5");
  EXPECT_NE(sheet[1].cells.back().find("不在本区县"), std::string::npos);
  // only the good rows: two schools
  auto good = lx.post("/api/v1/alliance/imports/alliances?mode=good", file);
  ASSERT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(good.json.at("imported").as_int64(), 2);
  EXPECT_EQ(covered(), before + 2);
  // again: both already have one
  auto again = lx.post("/api/v1/alliance/imports/alliances?mode=check", xlsx(kAllianceHeader, {rows[0]}));
  EXPECT_NE(std::string(again.json.at("errors").as_array().at(0).at("message").as_string()).find("已有未撤销"), std::string::npos);
  // a school of another district is out of reach
  Client sz(shared_port());
  sz.login("shizhong");
  auto theirs = sz.post("/api/v1/alliance/imports/alliances?mode=check", xlsx(kAllianceHeader, {rows[0]}));
  EXPECT_NE(std::string(theirs.json.at("errors").as_array().at(0).at("message").as_string()).find("管辖范围"), std::string::npos);
}

TEST_F(ImportFixture, FilesThatAreNotTheTemplateAreRefused) {
  EXPECT_EQ(lx.post("/api/v1/alliance/imports/alliances?mode=check", "%PDF-1.4 not a workbook").code(), "import.not_xlsx");
  auto zip_not_xlsx = exporting::xlsx_table(tmp(), "x", {{"a"}}, {{"b"}});
  for (size_t p; (p = zip_not_xlsx.find("xl/workbook.xml")) != std::string::npos;) zip_not_xlsx.replace(p, 15, "xl/workbooX.xml");  // a ZIP, no workbook
  EXPECT_EQ(lx.post("/api/v1/alliance/imports/alliances?mode=check", zip_not_xlsx).code(), "import.not_xlsx");
  auto r = lx.post("/api/v1/alliance/imports/alliances?mode=check", xlsx({"学校", "备注"}, {{"x", "y"}}));
  EXPECT_EQ(r.code(), "import.missing_columns");
  EXPECT_NE(std::string(r.json.at("error").at("message").as_string()).find("状态、成员单位"), std::string::npos) << r.body;
  EXPECT_EQ(lx.post("/api/v1/alliance/imports/alliances?mode=check", xlsx(kAllianceHeader, {})).code(), "import.empty");
  EXPECT_EQ(lx.post("/api/v1/alliance/imports/alliances?mode=bogus", xlsx(kAllianceHeader, {})).code(), "request.bad_param");
  EXPECT_EQ(museum.post("/api/v1/alliance/imports/alliances?mode=check", xlsx(kAllianceHeader, {})).status, 403) << "a museum imports no alliances";
}

TEST_F(ImportFixture, TenThousandActivitiesWithOneBadRowImportNothing) {
  Rows rows;
  for (int i = 0; i < 10000; ++i)
    rows.push_back({i % 2 ? "馆所思政课/一校一馆一课" : "free_visit", "馆校课程第" + std::to_string(i) + "讲", "2026-03-0" + std::to_string(1 + i % 9),
                    "", "一号展厅", i % 3 ? "历下区图书馆" : "", "初中学生、家长", std::to_string(i % 300), "", "2", "", ""});
  rows[7777][7] = "-3";  // people reached negative
  auto file = xlsx(kActivityHeader, rows);
  auto before = activities();
  auto all = museum.post("/api/v1/alliance/imports/activities?mode=all", file);
  EXPECT_EQ(all.code(), "import.has_errors") << all.body.substr(0, 300);
  EXPECT_NE(std::string(all.json.at("error").at("message").as_string()).find("共 10000 行，其中 1 行有错误"), std::string::npos);
  EXPECT_EQ(activities(), before) << "nothing imported";
  auto check = museum.post("/api/v1/alliance/imports/activities?mode=check", file);
  ASSERT_EQ(check.status, 200);
  EXPECT_EQ(check.json.at("bad").as_int64(), 1);
  EXPECT_EQ(check.json.at("errors").as_array().at(0).at("row").as_int64(), 7779);
  auto good = museum.post("/api/v1/alliance/imports/activities?mode=good", file);
  ASSERT_EQ(good.status, 200) << good.body.substr(0, 300);
  EXPECT_EQ(good.json.at("imported").as_int64(), 9999);
  EXPECT_EQ(activities(), before + 9999);
}

TEST_F(ImportFixture, ActivityRowsAreCheckedLikeTheForm) {
  Rows rows = {
      {"不存在的类型", "a", "2026-03-01"},
      {"法治讲堂", "b", "2099-01-01"},
      {"法治讲堂", "c", "2026-02-30"},
      {"法治讲堂", "d", "2026-03-01", "", "", "没有这个单位"},
      {"法治讲堂", "e", "2026-03-01", "", "", "", "", "100001"},
      {"法治讲堂", "f", "2026/3/1、2026年3月8日", "完成了"},
      {"法治讲堂", "g", "2026/3/1、2026年3月8日", "计划", "", "", "全体"},
      {"法治讲堂", "h", "2099/3/1", "计划"},
  };
  auto r = museum.post("/api/v1/alliance/imports/activities?mode=check", xlsx(kActivityHeader, rows));
  ASSERT_EQ(r.status, 200) << r.body;
  std::map<int64_t, std::string> errors;
  for (auto& e : r.json.at("errors").as_array()) errors[e.at("row").as_int64()] = e.at("message").as_string();
  EXPECT_NE(errors[2].find("活动类型不在目录中"), std::string::npos);
  EXPECT_NE(errors[3].find("不能晚于今天"), std::string::npos);
  EXPECT_NE(errors[4].find("无法识别"), std::string::npos);
  EXPECT_NE(errors[5].find("没有名为「没有这个单位」"), std::string::npos);
  EXPECT_NE(errors[6].find("0 到 100000"), std::string::npos);
  EXPECT_NE(errors[7].find("状态只能填"), std::string::npos);
  EXPECT_NE(errors[8].find("活动对象"), std::string::npos);
  EXPECT_FALSE(errors.count(9)) << "a planned activity may lie ahead";
  EXPECT_EQ(r.json.at("good").as_int64(), 1);
}
}  // namespace
}  // namespace xt::itest
