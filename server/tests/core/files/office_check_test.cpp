#include "core/files/office_check.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/auth/password.hpp"
#include "core/files/office_fixtures.hpp"
#include "core/files/pdf_fixtures.hpp"

namespace xt::files {
namespace {
namespace to = xt::testing_office;

struct OfficeCheck : ::testing::Test {
  std::filesystem::path dir;
  void SetUp() override {
    auth::init_crypto();
    dir = std::filesystem::temp_directory_path() / ("xt-office-" + auth::random_token(6));
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  OfficeReport check(const std::string& bytes, const std::string& ext) {
    auto p = (dir / "f").string();
    testing_pdf::write(p, bytes);
    return check_office(p, ext);
  }
};

TEST_F(OfficeCheck, WordAndExcelDocumentsPass) {
  auto d = check(to::docx(), "docx");
  ASSERT_TRUE(d.ok) << d.message;
  EXPECT_EQ(d.type, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_TRUE(check(to::xlsx(), "xlsx").ok);
  EXPECT_EQ(check(to::ole(), "doc").type, "application/msword");
  EXPECT_EQ(check(to::ole(), "xls").type, "application/vnd.ms-excel");
}

TEST_F(OfficeCheck, TheExtensionMustMatchTheContent) {
  EXPECT_EQ(check(to::xlsx(), "docx").code, "files.not_office") << "a workbook named .docx";
  EXPECT_EQ(check(to::zip({{"a.txt", "x"}}), "docx").code, "files.not_office") << "a plain ZIP";
  EXPECT_EQ(check("MZ\x90\x00 program", "docx").code, "files.not_office") << "an .exe renamed";
  EXPECT_EQ(check("<html></html>", "doc").code, "files.not_office");
  EXPECT_EQ(check(to::docx(), "exe").code, "files.type_not_allowed");
  EXPECT_EQ(check(to::docx(), "").code, "files.type_not_allowed");
}

TEST_F(OfficeCheck, BrokenOrMacroDocumentsAreRefused) {
  auto d = to::docx();
  EXPECT_EQ(check(d.substr(0, d.size() - 30), "docx").code, "files.office_damaged") << "cut before the end record";
  EXPECT_EQ(check("PK\x03\x04", "docx").code, "files.office_damaged");
  EXPECT_EQ(check(to::docm(), "docx").code, "files.office_macro");
  EXPECT_EQ(check(to::ole().substr(0, 1000), "doc").code, "files.not_office") << "shorter than a header";
  EXPECT_EQ(check(to::ole() + "x", "doc").code, "files.office_damaged") << "not whole sectors";
  EXPECT_EQ(check("", "xlsx").code, "files.not_office");
}
}  // namespace
}  // namespace xt::files
