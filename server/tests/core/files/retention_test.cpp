// The file intake and when stored files go, on a migrated SQLite file: an upload is checked,
// pinned and stored before its row is written and nothing is left when anything fails after
// that; a released file goes only when no row and no pin refers to it; the sweep clears what a
// crash left (stale pins, unreferenced files, old temporary files) after its grace period and
// nothing younger; the cache of generated documents makes a document once per key.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "core/files/cache.hpp"
#include "core/files/intake.hpp"
#include "core/files/retention.hpp"
#include "core/http/errors.hpp"
#include "pdf_fixtures.hpp"

namespace fs = std::filesystem;
namespace tp = xt::testing_pdf;

namespace xt::files {
namespace {
using db::Query;

struct RetentionTest : ::testing::Test {
  fs::path dir;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<db::Lease> lease;
  std::unique_ptr<LocalStore> store;

  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "xt-retention-XXXXXX").string();
    ASSERT_TRUE(mkdtemp(tmpl.data()));
    dir = tmpl;
    database = std::make_unique<db::Database>("sqlite:" + (dir / "x.db").string(), 2);
    database->migrate();
    lease = database->lease();
    c().exec_script("CREATE TABLE test_docs (id INTEGER PRIMARY KEY, sha TEXT, live INTEGER NOT NULL DEFAULT 1)");
    register_reference("test-store", "test_docs", "sha", "live = 1");
    store = std::make_unique<LocalStore>("test-store", (dir / "files").string());
  }
  void TearDown() override {
    store.reset();
    lease.reset();
    database.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  db::Conn& c() { return lease->conn; }
  std::string temp_with(const std::string& bytes) {
    fs::create_directories(dir / "tmp");
    auto p = (dir / "tmp" / ("up-" + std::to_string(++n))).string();
    tp::write(p, bytes);
    return p;
  }
  void refer(const std::string& sha) {
    Query q("INSERT INTO test_docs (sha) VALUES (");
    q << q.bind(sha) << ")";
    c().exec(q);
  }
  long long pins() { return c().scalar(Query("SELECT COUNT(*) FROM file_pins")); }
  int n = 0;
};

TEST_F(RetentionTest, AnAcceptedUploadIsStoredAndKeptOnceItsRowIsIn) {
  auto pdf = tp::plain();
  auto temp = temp_with(pdf);
  Intake in(*store, temp, {Accept::Pdf, "签到表.pdf"});
  EXPECT_EQ(in.content_type(), "application/pdf");
  EXPECT_EQ(in.pages(), 1);
  EXPECT_EQ(in.size(), (long long)pdf.size());
  EXPECT_EQ(in.sha256(), sha256_bytes(pdf));
  in.stage(c());
  EXPECT_TRUE(store->has(in.sha256())) << "in the store before the row is written";
  EXPECT_EQ(pins(), 1);
  {
    db::Tx tx(c(), true);
    refer(in.sha256());
    tx.commit();
  }
  in.committed();
  EXPECT_EQ(pins(), 0);
  EXPECT_TRUE(store->has(in.sha256()));
  EXPECT_FALSE(fs::exists(temp)) << "the temporary file was moved in";
}

TEST_F(RetentionTest, NothingIsLeftWhenTheRowIsNotWritten) {
  auto pdf = tp::plain() + "% rolled back\n";
  std::string sha;
  try {
    Intake in(*store, temp_with(pdf), {Accept::Pdf, "a.pdf"});
    sha = in.sha256();
    in.stage(c());
    db::Tx tx(c(), true);
    refer(sha);
    throw conflict("test.full", "名额已满");  // the module's rule refuses after the file is in
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code, "test.full");
  }
  EXPECT_FALSE(store->has(sha)) << "the file of a refused upload leaves the store";
  EXPECT_EQ(pins(), 0);
}

TEST_F(RetentionTest, ARefusedUploadNamesWhyAndStoresNothing) {
  auto expect_refused = [&](const std::string& bytes, IntakeSpec spec, const std::string& code, const std::string& text) {
    try {
      Intake in(*store, temp_with(bytes), spec);
      ADD_FAILURE() << "accepted: " << spec.name;
    } catch (const ApiError& e) {
      EXPECT_EQ(e.status, 422);
      EXPECT_EQ(e.code, code) << e.what();
      EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
    }
  };
  expect_refused("hello", {Accept::Pdf, "说明.pdf"}, "files.not_pdf", "说明.pdf");
  expect_refused("hello", {Accept::PdfOrImage, "scan.jpg", false, "盖章扫描件"}, "files.not_image", "盖章扫描件应为 PDF、JPEG 或 PNG 文件");
  expect_refused("hello", {Accept::PdfOrOffice, "通知.docx", true}, "files.not_office", "通知.docx");
  expect_refused(tp::plain(), {Accept::PdfOrOffice, "", true}, "request.required", "文件名");
  expect_refused(tp::plain(), {Accept::Pdf, "a/b.pdf"}, "files.bad_name", "");
  EXPECT_TRUE(store->list().empty());
  EXPECT_EQ(pins(), 0);
}

TEST_F(RetentionTest, AReleasedFileGoesOnlyWhenNothingRefersToIt) {
  auto sha = store->put_bytes("共享的文件", (dir / "tmp").string());
  refer(sha);
  refer(sha);
  c().exec(Query("DELETE FROM test_docs WHERE id = 1"));
  release(c(), *store, sha);
  EXPECT_TRUE(store->has(sha)) << "the second row still refers to it";
  c().exec(Query("UPDATE test_docs SET live = 0"));
  auto p = pin(c(), *store, sha);
  release(c(), *store, sha);
  EXPECT_TRUE(store->has(sha)) << "an upload of the same bytes on its way in pinned it";
  unpin(c(), p);
  release(c(), *store, sha);
  EXPECT_FALSE(store->has(sha)) << "a row that no longer counts does not hold it";
}

TEST_F(RetentionTest, TheSweepClearsWhatACrashLeftAfterTheGracePeriodOnly) {
  auto kept = store->put_bytes("有人引用", (dir / "tmp").string());
  refer(kept);
  auto orphan = store->put_bytes("崩溃前写入", (dir / "tmp").string());
  auto pinned = store->put_bytes("正在上传", (dir / "tmp").string());
  pin(c(), *store, pinned);
  fs::create_directories(dir / "tmp");
  tp::write((dir / "tmp" / "upload-old").string(), "半截上传");
  long long now = db::now_ms();

  auto early = sweep(c(), *store, (dir / "tmp").string(), now);
  EXPECT_EQ(early.files_removed, 0) << "nothing younger than an hour is touched";
  EXPECT_EQ(early.pins_cleared, 0);
  EXPECT_EQ(early.temps_removed, 0);
  EXPECT_TRUE(store->has(orphan));

  auto later = sweep(c(), *store, (dir / "tmp").string(), now + kSweepGraceMs + 60000);
  EXPECT_EQ(later.pins_cleared, 1);
  EXPECT_EQ(later.files_removed, 2) << "the orphan, and the file whose upload never finished";
  EXPECT_EQ(later.temps_removed, 1);
  EXPECT_TRUE(store->has(kept));
  EXPECT_FALSE(store->has(orphan));
  EXPECT_FALSE(store->has(pinned));
  EXPECT_FALSE(fs::exists(dir / "tmp" / "upload-old"));
}

TEST_F(RetentionTest, PuttingTheSameBytesAgainRestartsTheGracePeriod) {
  auto sha = store->put_bytes("旧文件", (dir / "tmp").string());
  fs::last_write_time(store->local_path(sha), fs::file_time_type::clock::now() - std::chrono::hours(2));
  ASSERT_EQ(store->list().size(), 1u);
  EXPECT_LT(store->list()[0].stored_at_ms, db::now_ms() - kSweepGraceMs);
  store->put_bytes("旧文件", (dir / "tmp").string());
  EXPECT_GE(store->list()[0].stored_at_ms, db::now_ms() - 60000);
  EXPECT_EQ(sweep(c(), *store, "", db::now_ms()).files_removed, 0);
}

TEST_F(RetentionTest, TheCacheMakesADocumentOncePerKeyAndReplacesTheOlderOfItsScope) {
  LocalStore generated("generated", (dir / "generated").string());
  register_reference("generated", "document_cache", "sha256");
  int made = 0;
  auto make = [&] { return std::string("档案") + std::to_string(++made); };
  auto tmp = (dir / "tmp").string();
  auto a = cached(c(), generated, tmp, "case:1", "key-a", make);
  EXPECT_EQ(cached(c(), generated, tmp, "case:1", "key-a", make), a);
  EXPECT_EQ(made, 1);
  fs::remove(generated.local_path(a));
  EXPECT_EQ(generated.read(cached(c(), generated, tmp, "case:1", "key-a", make)), "档案2") << "a vanished file is made again";
  auto v2 = cached(c(), generated, tmp, "case:1", "key-b", make);
  EXPECT_FALSE(generated.has(sha256_bytes("档案2"))) << "the older archive of the case is removed";
  EXPECT_TRUE(generated.has(v2));
  EXPECT_EQ(c().scalar(Query("SELECT COUNT(*) FROM document_cache WHERE scope = 'case:1'")), 1);
  auto same = cached(c(), generated, tmp, "case:2", "w1", [] { return std::string("档案3"); });
  EXPECT_EQ(same, v2) << "two cases with byte-identical archives share one file";
  cached(c(), generated, tmp, "case:1", "key-c", [] { return std::string("第三版"); });
  EXPECT_TRUE(generated.has(v2)) << "it stays while case 2 uses it";
}
}  // namespace
}  // namespace xt::files
