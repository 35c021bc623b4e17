// The PostgreSQL file store against a real PostgreSQL (the suite's PostgreSQL run): files of
// several chunks come back byte for byte on another server's store object, a second put keeps
// one copy, damaged contents are never served, removal reaches every machine's cache at its
// next housekeeping, the cache stays within its bound, and `files migrate` copies both ways.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/config/config.hpp"
#include "core/db/db.hpp"
#include "core/files/backends.hpp"
#include "core/files/pg_store.hpp"
#include "integration/harness.hpp"

namespace xt::itest {
namespace {
namespace fs = std::filesystem;

std::string tmpdir() {
  char tmpl[] = "/tmp/xietong-pgstore.XXXXXX";
  return mkdtemp(tmpl);
}

std::string random_bytes(size_t n, unsigned seed) {
  std::mt19937 g(seed);
  std::string s(n, '\0');
  for (auto& ch : s) ch = (char)(g() & 0xff);
  return s;
}

std::string file_at(const std::string& dir, const std::string& bytes) {
  auto p = dir + "/in-" + std::to_string(std::random_device{}());
  std::ofstream(p, std::ios::binary) << bytes;
  return p;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

struct PgStoreTest : ::testing::Test {
  std::string dir;
  std::string store_name = "test-" + std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}() % 100000);
  void SetUp() override {
    if (db_url().rfind("postgres", 0) != 0) GTEST_SKIP() << "the PostgreSQL file store is tested in the suite's PostgreSQL run";
    dir = tmpdir();
    // The tables come with the migrations.
    db::Database d(db_url(), 1);
    d.migrate();
  }
  void TearDown() override {
    if (!dir.empty()) fs::remove_all(dir);
  }
  files::PgStore store(const std::string& cache, long long limit = 64 << 20) {
    return files::PgStore(store_name, db_url(), dir + "/" + cache, limit, 2);
  }
};

TEST_F(PgStoreTest, AFileOfSeveralChunksComesBackWholeOnAnotherServer) {
  auto a = store("cache-a");
  auto b = store("cache-b");  // another server: its own cache
  auto bytes = random_bytes(files::PgStore::kChunkBytes * 2 + 12345, 1);
  auto sha = files::sha256_bytes(bytes);
  EXPECT_FALSE(b.has(sha));
  EXPECT_EQ(b.size(sha), -1);
  EXPECT_FALSE(fs::exists(b.local_path(sha))) << "not stored: no copy";
  EXPECT_TRUE(a.put(file_at(dir, bytes), sha));
  EXPECT_TRUE(b.has(sha));
  EXPECT_EQ(b.size(sha), (long long)bytes.size());
  auto path = b.local_path(sha);
  EXPECT_EQ(slurp(path), bytes);
  EXPECT_EQ(b.cached_bytes(), (long long)bytes.size());
  EXPECT_EQ(b.read(sha), bytes);

  db::Database d(db_url(), 1);
  auto l = d.lease();
  db::Query q("SELECT COUNT(*) FROM stored_file_chunks WHERE store = ");
  q << q.bind(store_name);
  EXPECT_EQ(l->conn.scalar(q), 3) << "1 MiB chunks";

  auto temp = file_at(dir, bytes);
  EXPECT_FALSE(b.put(temp, sha)) << "the same file stored once";
  EXPECT_FALSE(fs::exists(temp)) << "the temporary file is gone either way";
  EXPECT_EQ(l->conn.scalar(q), 3);
}

TEST_F(PgStoreTest, AnEmptyFileAndAFileOfExactlyOneChunkRoundTrip) {
  auto a = store("cache-a");
  auto b = store("cache-b");
  for (auto& bytes : {std::string(), random_bytes(files::PgStore::kChunkBytes, 2)}) {
    auto sha = files::sha256_bytes(bytes);
    a.put(file_at(dir, bytes), sha);
    EXPECT_EQ(b.read(sha), bytes) << bytes.size();
    EXPECT_EQ(b.size(sha), (long long)bytes.size());
  }
}

TEST_F(PgStoreTest, DamagedContentsAreNotServed) {
  auto a = store("cache-a");
  auto b = store("cache-b");
  auto bytes = random_bytes(5000, 3);
  auto sha = files::sha256_bytes(bytes);
  a.put(file_at(dir, bytes), sha);
  db::Database d(db_url(), 1);
  auto l = d.lease();
  db::Query q("UPDATE stored_file_chunks SET data = convert_to('damaged', 'UTF8') WHERE store = ");
  q << q.bind(store_name);
  l->conn.exec(q);
  EXPECT_FALSE(fs::exists(b.local_path(sha))) << "a copy that does not match its hash is never made";
  EXPECT_EQ(b.cached_bytes(), 0);
  EXPECT_THROW(b.read(sha), std::runtime_error);
}

TEST_F(PgStoreTest, ARemovedFileLeavesEveryCacheAtItsNextHousekeeping) {
  auto a = store("cache-a");
  auto b = store("cache-b");
  auto bytes = random_bytes(7000, 4);
  auto sha = files::sha256_bytes(bytes);
  a.put(file_at(dir, bytes), sha);
  auto copy = b.local_path(sha);
  ASSERT_TRUE(fs::exists(copy));
  a.remove(sha);
  EXPECT_FALSE(a.has(sha));
  EXPECT_FALSE(fs::exists(a.local_path(sha))) << "the remover's own copy goes at once";
  EXPECT_TRUE(a.list().empty());
  b.maintain();
  EXPECT_FALSE(fs::exists(copy)) << "another server's copy goes at its housekeeping";
}

TEST_F(PgStoreTest, TheCacheStaysWithinItsBound) {
  auto a = store("cache-a");
  auto b = store("cache-b", 300 * 1024);
  std::vector<std::string> shas;
  for (unsigned i = 0; i < 8; ++i) {
    auto bytes = random_bytes(100 * 1024, 10 + i);
    shas.push_back(files::sha256_bytes(bytes));
    a.put(file_at(dir, bytes), shas.back());
  }
  for (auto& sha : shas) {
    auto p = b.local_path(sha);
    EXPECT_TRUE(fs::exists(p)) << "the copy just made is kept";
    EXPECT_LE(b.cached_bytes(), 300 * 1024);
  }
  EXPECT_EQ(a.list().size(), 8u) << "the store itself keeps everything";
}

TEST_F(PgStoreTest, AStoreThatCannotBeReachedIsReportedAtCheck) {
  files::PgStore nowhere("x", "postgresql://postgres@127.0.0.1:1/none?connect_timeout=2", dir + "/c", 1 << 20, 1);
  try {
    nowhere.check();
    FAIL() << "an unreachable database passed the check";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("文件存储（PostgreSQL）连接失败"), std::string::npos) << e.what();
  }
}

TEST_F(PgStoreTest, FilesMigrateCopiesBothWaysAndCanRunAgain) {
  Config cfg;
  cfg.db_url = db_url();
  cfg.data_dir = dir;
  auto local = files::open_store(cfg, "local", store_name, "files");
  auto pg = files::open_store(cfg, "postgresql", store_name, "files");
  std::vector<std::string> all;
  for (unsigned i = 0; i < 3; ++i) {
    auto bytes = random_bytes(files::PgStore::kChunkBytes + i * 1000, 20 + i);
    all.push_back(bytes);
    local->put(file_at(dir, bytes), files::sha256_bytes(bytes));
  }
  auto r = files::copy_store(*local, *pg, dir + "/tmp");
  EXPECT_EQ(r.copied, 3);
  EXPECT_EQ(r.present, 0);
  auto again = files::copy_store(*local, *pg, dir + "/tmp");
  EXPECT_EQ(again.copied, 0) << "an interrupted migration runs again safely";
  EXPECT_EQ(again.present, 3);
  for (auto& b : all) EXPECT_EQ(pg->read(files::sha256_bytes(b)), b);

  auto back_dir = tmpdir();
  files::LocalStore back(store_name, back_dir);
  auto r2 = files::copy_store(*pg, back, dir + "/tmp");
  EXPECT_EQ(r2.copied, 3);
  for (auto& b : all) EXPECT_EQ(back.read(files::sha256_bytes(b)), b);
  fs::remove_all(back_dir);

  // A damaged source file stops the copy instead of spreading.
  auto bad = random_bytes(100, 99);
  auto bad_sha = files::sha256_bytes(bad);
  local->put(file_at(dir, bad), bad_sha);
  std::ofstream(local->local_path(bad_sha), std::ios::binary | std::ios::trunc) << "not what it was";
  EXPECT_THROW(files::copy_store(*local, *pg, dir + "/tmp"), std::runtime_error);
  EXPECT_FALSE(pg->has(bad_sha));
}
}  // namespace
}  // namespace xt::itest
