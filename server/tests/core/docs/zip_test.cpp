#include "core/docs/zip.hpp"

#include <gtest/gtest.h>
#include <zip.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <set>
#include <unistd.h>

#include "core/text/utf8.hpp"

namespace xt::docs {
namespace {
std::string hundred_zi_title() {
  std::string t;
  for (int i = 0; i < 100; ++i) t += "协";
  return t;
}

TEST(ZipNames, ALongChineseNameIsCutAtACharacterAndKeepsItsExtension) {
  auto name = "1_济南市历下区实验小学_" + hundred_zi_title() + ".docx";
  ASSERT_GT(name.size(), 255u) << "the case the issue found";
  auto cut = entry_name(name);
  EXPECT_LE(cut.size(), 200u);
  EXPECT_TRUE(text::valid_utf8(cut)) << "never inside a character";
  EXPECT_EQ(cut.substr(cut.size() - 5), ".docx");
  EXPECT_EQ(cut.rfind("1_济南市历下区实验小学_协", 0), 0u);
  EXPECT_EQ(entry_name("附件3_历下区教育局_汇总表.xlsx"), "附件3_历下区教育局_汇总表.xlsx") << "short names stay as they are";
  for (size_t max : {20u, 21u, 22u, 23u, 50u})
    EXPECT_TRUE(text::valid_utf8(entry_name(hundred_zi_title() + ".pdf", max))) << max;
}

TEST(ZipNames, EntriesAreExtractableAndDatedInBeijingTime) {
  auto dir = std::filesystem::temp_directory_path() / ("xt-zip-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto path = (dir / "p.zip").string();
  auto long_a = "1_单位_" + hundred_zi_title() + "甲.docx";
  auto long_b = "1_单位_" + hundred_zi_title() + "乙.docx";  // the same once cut
  zip_file(path, {{long_a, "a", ""}, {long_b, "b", ""}, {"附件3.xlsx", "c", ""}});
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_RDONLY, &err);
  ASSERT_NE(za, nullptr);
  ASSERT_EQ(zip_get_num_entries(za, 0), 3);
  std::set<std::string> names;
  for (zip_uint64_t i = 0; i < 3; ++i) {
    zip_stat_t st;
    zip_stat_index(za, i, 0, &st);
    names.insert(st.name);
    EXPECT_LE(std::string(st.name).size(), 255u);
    // The DOS time read as local time is Beijing's wall clock now.
    std::time_t now = std::time(nullptr) + 8 * 3600;
    std::tm bj{};
    gmtime_r(&now, &bj);
    std::tm got{};
    localtime_r(&st.mtime, &got);
    EXPECT_EQ(got.tm_hour, bj.tm_hour) << st.name;
  }
  EXPECT_EQ(names.size(), 3u) << "two names cut to the same prefix stay apart";
  zip_close(za);
  std::filesystem::remove_all(dir);
}

TEST(ZipNames, BeijingDosTimeDependsOnTheServersZone) {
  const char* old = std::getenv("TZ");
  std::string keep = old ? old : "";
  setenv("TZ", "UTC", 1);
  tzset();
  EXPECT_EQ(beijing_dos_time(1'700'000'000), 1'700'000'000 + 8 * 3600);
  setenv("TZ", "CST-8", 1);  // POSIX form: no zoneinfo needed
  tzset();
  EXPECT_EQ(beijing_dos_time(1'700'000'000), 1'700'000'000) << "a server in Beijing writes its own clock";
  if (old) setenv("TZ", keep.c_str(), 1); else unsetenv("TZ");
  tzset();
}
}  // namespace
}  // namespace xt::docs
