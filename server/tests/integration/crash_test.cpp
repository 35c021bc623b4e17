// Crashes on one machine (SQLite, files on disk, as `./run` sets it up): a client saves drafts
// and uploads 1 MB PDFs while the server is killed with SIGKILL five times. After each restart
// every write the server acknowledged is there (the draft's text at least as new as the last
// acknowledged save, each acknowledged file byte for byte), the database passes its integrity
// check, the audit chain verifies, and every stored file is referenced or pinned by an upload
// the crash interrupted; once those pins are an hour old, a start removes what they held.
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "core/db/db.hpp"
#include "core/files/pdf_fixtures.hpp"
#include "core/files/store.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace fs = std::filesystem;
namespace tp = xt::testing_pdf;
namespace bj = boost::json;

std::string big_pdf(unsigned seed) {
  std::mt19937 g(seed);
  std::string noise(1 << 20, '\0');
  for (auto& ch : noise) ch = (char)('A' + g() % 26);  // no "endstream" can appear by chance in capitals only
  return tp::plain("", {"<< /Length " + std::to_string(noise.size()) + " >>\nstream\n" + noise + "\nendstream"});
}

struct Ledger {
  std::mutex mu;
  std::map<long long, long long> acked_save, sent_save;  // case → the N of "草稿 N"
  std::map<long long, std::string> acked_files;          // evidence id → SHA-256
};

long long draft_number(const std::string& title) {
  auto p = title.rfind(' ');
  return p == std::string::npos ? -1 : std::stoll(title.substr(p + 1));
}

std::set<std::string> stored_files(const std::string& data_dir) {
  std::set<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(data_dir + "/files", ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (it->is_regular_file() && files::valid_sha256(it->path().filename().string())) out.insert(it->path().filename().string());
  return out;
}

std::set<std::string> column(db::Conn& c, const std::string& sql) {
  std::set<std::string> out;
  for (auto& r : c.rows(db::Query(sql)))
    if (!r.null(0)) out.insert(r.str(0));
  return out;
}

TEST(Crash, AcknowledgedWritesSurviveFiveKillsAndNothingIsLeftBehind) {
  char tmpl[] = "/tmp/xietong-crash.XXXXXX";
  std::string root = mkdtemp(tmpl);
  std::string url = "sqlite:" + root + "/crash.db";
  ASSERT_EQ(std::system((bin("xietong-demo") + " --db '" + url + "' --data-dir " + root + " > /dev/null").c_str()), 0);
  Server s;
  s.start(url);
  Client city(s.port()), school(s.port());
  ASSERT_EQ(city.login("city").status, 200);
  auto call = open_call(city, "崩溃测试征集");
  login_school_of(school, "370102", s.port());

  Ledger ledger;
  std::atomic<bool> stop{false};
  std::atomic<int> acked_uploads{0}, acked_saves{0};
  std::thread writer([&] {
    long long case_id = 0, version = 0, n = 0;
    int files_in_case = 0;
    unsigned seed = 1;
    while (!stop) {
      if (!case_id || files_in_case >= 8) {
        auto r = school.post("/api/v1/cases", bj::serialize(bj::object{{"call_id", call}, {"title", "崩溃测试 0"}}));
        if (r.status != 201) {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          continue;
        }
        case_id = r.json.at("id").as_int64();
        version = r.json.at("version").as_int64();
        files_in_case = 0;
        std::lock_guard l(ledger.mu);
        ledger.acked_save[case_id] = 0;
        ledger.sent_save[case_id] = 0;
      }
      ++n;
      {
        std::lock_guard l(ledger.mu);
        ledger.sent_save[case_id] = n;
      }
      auto r = school.put("/api/v1/cases/" + std::to_string(case_id),
                          bj::serialize(bj::object{{"version", version}, {"title", "崩溃测试 " + std::to_string(n)}, {"content", good_content()}}));
      if (r.status == 200) {
        version = r.json.at("version").as_int64();
        std::lock_guard l(ledger.mu);
        ledger.acked_save[case_id] = n;
        ++acked_saves;
      } else if (r.status == 409) {  // a save the crash cut off was applied: start from what is stored
        auto g = school.get("/api/v1/cases/" + std::to_string(case_id));
        if (g.status == 200) version = g.json.at("version").as_int64();
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        continue;
      }
      auto pdf = big_pdf(seed++ * 7919 + (unsigned)::getpid());
      auto sha = files::sha256_bytes(pdf);
      auto up = school.post("/api/v1/cases/" + std::to_string(case_id) + "/evidence?name=" + httplib::detail::encode_query_param("材料") +
                                "&material_date=2024-03&filename=a.pdf",
                            pdf, {{"Content-Type", "application/pdf"}});
      if (up.status == 201) {
        ++files_in_case;
        ++acked_uploads;
        std::lock_guard l(ledger.mu);
        ledger.acked_files[up.json.at("id").as_int64()] = sha;
      } else if (up.status == 409 || up.status == 422) {
        files_in_case = 8;  // this case is full (an upload the crash cut off counted): the next case
      }
    }
  });

  auto check = [&](int round) {
    SCOPED_TRACE("after kill " + std::to_string(round));
    std::map<long long, long long> acked, sent;
    std::map<long long, std::string> files_acked;
    {
      std::lock_guard l(ledger.mu);
      acked = ledger.acked_save;
      sent = ledger.sent_save;
      files_acked = ledger.acked_files;
    }
    Client reader(s.port());
    reader.set_cookie(school.cookie());
    for (auto& [id, n] : acked) {
      auto g = reader.get("/api/v1/cases/" + std::to_string(id));
      ASSERT_EQ(g.status, 200) << g.body;
      auto stored = draft_number(std::string(g.json.at("title").as_string()));
      EXPECT_GE(stored, n) << "case " << id << ": an acknowledged save was lost";
      EXPECT_LE(stored, sent[id]);
    }
    for (auto& [id, sha] : files_acked) {
      auto f = reader.get("/api/v1/evidence/" + std::to_string(id) + "/file");
      ASSERT_EQ(f.status, 200) << "evidence " << id << ": " << f.body.substr(0, 200);
      EXPECT_EQ(files::sha256_bytes(f.body), sha) << "evidence " << id;
    }
    db::Database d(url, 1);
    auto l = d.lease();
    EXPECT_EQ(l->conn.rows(db::Query("PRAGMA integrity_check")).at(0).str(0), "ok");
    auto referenced = column(l->conn, "SELECT file_sha256 FROM case_evidence UNION SELECT file_sha256 FROM case_call_files "
                                      "UNION SELECT stamp_sha256 FROM case_packages");
    auto pinned = column(l->conn, "SELECT sha256 FROM file_pins WHERE store = 'uploads'");
    for (auto& sha : stored_files(s.dir()))
      EXPECT_TRUE(referenced.count(sha) || pinned.count(sha)) << sha << " is neither referenced nor pinned";
    auto v = run_xietong({"audit", "verify", "--db", url, "--data-dir", root + "/verify"});
    EXPECT_EQ(v.rc, 0) << v.out;
  };

  std::mt19937 g(42);
  for (int round = 1; round <= 5; ++round) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500 + g() % 700));
    s.restart(/*kill=*/true);
    check(round);
  }
  stop = true;
  writer.join();
  std::cout << "[ crash    ] " << acked_saves.load() << " saves and " << acked_uploads.load()
            << " uploads of 1 MB acknowledged across 5 kills\n";
  EXPECT_GE(acked_uploads.load(), 5) << "the client got uploads through between the kills";
  EXPECT_GE(acked_saves.load(), 5);

  // An hour later (pins and temporary files aged by hand), a start clears what the crashes left.
  {
    db::Database d(url, 1);
    auto l = d.lease();
    l->conn.exec(db::Query("UPDATE file_pins SET created_at = created_at - 7200000"));
  }
  std::error_code ec;
  for (auto* sub : {"/files", "/tmp"})
    for (auto it = fs::recursive_directory_iterator(s.dir() + sub, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file()) fs::last_write_time(it->path(), fs::file_time_type::clock::now() - std::chrono::hours(2));
  s.restart(/*kill=*/true);
  {
    db::Database d(url, 1);
    auto l = d.lease();
    EXPECT_EQ(l->conn.scalar(db::Query("SELECT COUNT(*) FROM file_pins")), 0);
    auto referenced = column(l->conn, "SELECT file_sha256 FROM case_evidence UNION SELECT file_sha256 FROM case_call_files "
                                      "UNION SELECT stamp_sha256 FROM case_packages");
    for (auto& sha : stored_files(s.dir())) EXPECT_TRUE(referenced.count(sha)) << sha << " left unreferenced";
    for (auto& sha : referenced) EXPECT_TRUE(fs::exists(s.dir() + "/files/" + sha.substr(0, 2) + "/" + sha)) << sha << " missing";
  }
  size_t temps = 0;
  for (auto it = fs::directory_iterator(s.dir() + "/tmp", ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++temps;
  EXPECT_EQ(temps, 0u) << "temporary files of interrupted uploads";
  s.stop();
  fs::remove_all(root);
}
}  // namespace
}  // namespace xt::itest
