// The case archive: write-up, the 附件2 catalog and evidence merged in catalog order, and an
// evidence file that became unreadable named in a clear error.
#include "modules/cases/writeups/archive.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>

#include <filesystem>
#include <fstream>

#include "core/files/store.hpp"
#include "modules/cases/writeups/document.hpp"
#include "support/doc_samples.hpp"

namespace xt::cases {
namespace {
namespace fs = std::filesystem;

struct ArchiveTest : ::testing::Test {
  std::string dir = (fs::temp_directory_path() / ("xt-archive-" + std::to_string(::getpid()))).string();
  void TearDown() override { fs::remove_all(dir); }
  files::LocalStore& uploads() {
    static thread_local std::unique_ptr<files::LocalStore> s;
    s = std::make_unique<files::LocalStore>("uploads", dir + "/files");
    return *s;
  }

  CaseFiles files_with(int evidence) {
    auto call = samples::qingdao_call();
    CaseFiles f;
    f.k = samples::long_case();
    f.doc = case_document(call, f.k, {"𠮷祥社区居委会"});
    f.layout = layout_of(call.rules.format);
    files::LocalStore store("uploads", dir + "/files");
    for (int i = 1; i <= evidence; ++i) {
      Evidence e;
      e.seq = i;
      e.name = "佐证材料第" + std::to_string(i) + "份";
      e.material_date = i % 2 ? "2024-03-05" : "2024-03";
      e.sha256 = store.put_bytes(samples::evidence_pdf(8000, 1 + i % 3, (unsigned)i), dir + "/tmp");
      f.evidence.push_back(e);
    }
    return f;
  }
};

TEST(Catalog, ListsEveryEvidenceInOrderOrSaysThereIsNone) {
  Case k = samples::long_case();
  Evidence a, b;
  a.seq = 1, a.name = "签到表", a.material_date = "2024-03-05", a.remark = "扫描件";
  b.seq = 2, b.name = "活动照片", b.material_date = "2024-04";
  auto d = catalog_document(k, {a, b});
  EXPECT_EQ(d.blocks[0].text, "附件2") << "the form's label above its title";
  EXPECT_EQ(d.blocks[1].text, "案例档案目录");
  auto& t = d.blocks[4].table;
  EXPECT_EQ(t.header, (std::vector<std::string>{"序号", "材料名称", "时间", "备注"}));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0], (std::vector<std::string>{"1", "签到表", "2024年3月5日", "扫描件"}));
  EXPECT_EQ(t.rows[1][2], "2024年4月");
  auto none = catalog_document(k, {});
  EXPECT_EQ(none.blocks.back().text, "（未上传佐证材料）");
}

TEST_F(ArchiveTest, WriteUpCatalogAndEvidenceWithABookmarkEach) {
  auto f = files_with(3);
  auto bytes = case_archive_pdf(f, uploads());
  QPDF q;
  q.processMemoryFile("a.pdf", bytes.data(), bytes.size());
  auto top = QPDFOutlineDocumentHelper(q).getTopLevelOutlines();
  ASSERT_EQ(top.size(), 5u);
  EXPECT_EQ(top[0].getTitle(), "案例文本：" + f.k.title);
  EXPECT_EQ(top[1].getTitle(), "案例档案目录");
  EXPECT_EQ(top[2].getTitle(), "佐证材料1：佐证材料第1份");
  EXPECT_EQ(top[4].getTitle(), "佐证材料3：佐证材料第3份");
}

TEST_F(ArchiveTest, ACaseWithoutEvidenceStillHasItsCatalog) {
  auto f = files_with(0);
  auto bytes = case_archive_pdf(f, uploads());
  QPDF q;
  q.processMemoryFile("a.pdf", bytes.data(), bytes.size());
  EXPECT_EQ(QPDFOutlineDocumentHelper(q).getTopLevelOutlines().size(), 2u);
}

TEST_F(ArchiveTest, EvidenceThatBecameUnreadableIsNamed) {
  auto f = files_with(2);
  files::LocalStore store("uploads", dir + "/files");
  std::ofstream(store.local_path(f.evidence[1].sha256), std::ios::binary | std::ios::trunc) << "%PDF-1.4\n garbage";
  try {
    case_archive_pdf(f, uploads());
    FAIL() << "a damaged evidence file must be refused";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status, 422);
    EXPECT_EQ(e.code, "documents.evidence_unreadable");
    EXPECT_NE(std::string(e.what()).find("佐证材料第2份"), std::string::npos) << e.what();
  }
  fs::remove(store.local_path(f.evidence[0].sha256));
  try {
    case_archive_pdf(f, uploads());
    FAIL() << "a missing evidence file must be refused";
  } catch (const ApiError& e) {
    EXPECT_NE(std::string(e.what()).find("佐证材料第1份"), std::string::npos) << e.what();
  }
}
}  // namespace
}  // namespace xt::cases
