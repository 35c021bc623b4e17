// Several servers, proven as an operator runs them: three servers on one PostgreSQL with the
// files in it, behind Debian's nginx (started here with a configuration of its own, the
// README's upstream block) balancing round-robin, so that consecutive requests land on
// different servers. A school uploads evidence and the district builds and downloads the
// package; eleven recommendations fired at once leave exactly ten; the reminder job runs on
// every server and sends each reminder once; a server killed in the middle of a build leaves
// the job to another; the audit chain verifies at the end.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "core/db/db.hpp"
#include "core/docs/zip.hpp"
#include "core/files/pdf_fixtures.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace fs = std::filesystem;
namespace tp = xt::testing_pdf;
namespace bj = boost::json;

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, (sockaddr*)&a, sizeof a);
  socklen_t n = sizeof a;
  getsockname(fd, (sockaddr*)&a, &n);
  close(fd);
  return ntohs(a.sin_port);
}

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool ok = connect(fd, (sockaddr*)&a, sizeof a) == 0;
  close(fd);
  return ok;
}

// Three servers and nginx in front of them, for the whole suite.
struct Cluster {
  std::vector<std::unique_ptr<Server>> servers;
  std::string dir;
  int port = 0;
  int nginx_pid = 0;

  void start() {
    for (int i = 0; i < 3; ++i) {
      servers.push_back(std::make_unique<Server>());
      servers.back()->start(db_url(), {"--file-store", "postgresql", "--trusted-proxies", "127.0.0.1", "--jobs-interval-s", "1",
                                       "--job-lease-s", "3", "--doc-workers", "1"});
    }
    char tmpl[] = "/tmp/xietong-nginx.XXXXXX";
    dir = mkdtemp(tmpl);
    fs::permissions(dir, fs::perms::all);
    for (auto* sub : {"body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      fs::create_directories(dir + "/" + sub);
      fs::permissions(dir + "/" + sub, fs::perms::all);
    }
    port = free_port();
    std::ofstream conf(dir + "/nginx.conf");
    conf << "worker_processes 1;\npid " << dir << "/nginx.pid;\nerror_log " << dir << "/error.log warn;\n"
         << "events { worker_connections 512; }\n"
         << "http {\n  access_log off;\n"
         << "  client_body_temp_path " << dir << "/body;\n  proxy_temp_path " << dir << "/proxy;\n"
         << "  fastcgi_temp_path " << dir << "/fastcgi;\n  uwsgi_temp_path " << dir << "/uwsgi;\n  scgi_temp_path " << dir << "/scgi;\n"
         << "  upstream xietong {";
    for (auto& s : servers) conf << " server 127.0.0.1:" << s->port() << ";";
    conf << " keepalive 64; }\n"
         << "  server {\n    listen 127.0.0.1:" << port << ";\n    client_max_body_size 25m;\n"
         << "    location / {\n      proxy_pass http://xietong;\n      proxy_http_version 1.1;\n"
         << "      proxy_set_header Connection \"\";\n      proxy_set_header Host $http_host;\n"
         << "      proxy_set_header X-Real-IP $remote_addr;\n"
         << "      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n"
         << "      add_header X-Upstream $upstream_addr always;\n    }\n  }\n}\n";
    conf.close();
    nginx_pid = fork();
    if (nginx_pid == 0) {
      execl("/usr/sbin/nginx", "nginx", "-p", dir.c_str(), "-c", (dir + "/nginx.conf").c_str(), "-g", "daemon off;", (char*)nullptr);
      _exit(127);
    }
    for (int i = 0; i < 100 && !accepts(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (!accepts(port)) {
      std::ifstream log(dir + "/error.log");
      throw std::runtime_error("nginx did not start: " + std::string((std::istreambuf_iterator<char>(log)), {}));
    }
  }
  void stop() {
    if (nginx_pid > 0) {
      kill(nginx_pid, SIGTERM);
      int st;
      waitpid(nginx_pid, &st, 0);
      nginx_pid = 0;
    }
    servers.clear();
    if (!dir.empty()) fs::remove_all(dir);
  }
  // Which server a response came from, by the upstream address nginx reports.
  int server_of(const Resp& r) const {
    auto up = r.header("X-Upstream");
    for (size_t i = 0; i < servers.size(); ++i)
      if (servers[i] && up == "127.0.0.1:" + std::to_string(servers[i]->port())) return (int)i;
    return -1;
  }
};

class ScaleOut : public ::testing::Test {
 protected:
  static Cluster* cluster;
  static void SetUpTestSuite() {
    if (db_url().rfind("postgres", 0) != 0) return;
    ensure_demo_data();  // (the shared server is not started: only the cluster takes jobs)
    cluster = new Cluster();
    cluster->start();
  }
  static void TearDownTestSuite() {
    if (cluster) cluster->stop();
    delete cluster;
    cluster = nullptr;
  }
  void SetUp() override {
    if (!cluster) GTEST_SKIP() << "several servers run on PostgreSQL: this suite runs in the PostgreSQL run of ./test";
  }
  int port() const { return cluster->port; }
};
Cluster* ScaleOut::cluster = nullptr;

Resp upload(Client& c, long long case_id, const std::string& bytes, const std::string& name) {
  return c.post("/api/v1/cases/" + std::to_string(case_id) + "/evidence?name=" + httplib::detail::encode_query_param(name) +
                    "&material_date=2024-03&filename=a.pdf",
                bytes, {{"Content-Type", "application/pdf"}});
}

TEST_F(ScaleOut, RequestsTakeTurnsAcrossTheServers) {
  Client c(port());
  std::vector<int> seen;
  for (int i = 0; i < 6; ++i) {
    auto r = c.get("/api/v1/health");
    ASSERT_EQ(r.status, 200);
    seen.push_back(cluster->server_of(r));
  }
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_NE(seen[i], seen[i - 1]) << "round-robin: the next request goes to another server";
  EXPECT_EQ(std::set<int>(seen.begin(), seen.end()).size(), 3u);
}

TEST_F(ScaleOut, EvidenceUploadedOnOneServerIsInThePackageBuiltAndDownloadedOnOthers) {
  Client city(port()), school(port()), lx(port());
  ASSERT_EQ(city.login("city").status, 200);
  auto call = open_call(city, "多服务器材料包测试");
  login_school_of(school, "370102", port());
  auto d = new_case(school, call, "跨服务器的案例");
  ASSERT_EQ(save(school, d, "跨服务器的案例", good_content()).status, 200);
  auto pdf = tp::plain() + "% scale-out " + std::to_string(::getpid()) + "\n";
  auto up = upload(school, d.id, pdf, "家长课堂签到表");
  ASSERT_EQ(up.status, 201) << up.body;
  int uploaded_on = cluster->server_of(up);
  auto id = std::to_string(up.json.at("id").as_int64());
  std::set<int> served_by;
  for (int i = 0; i < 3; ++i) {  // every server serves the file it did not receive
    auto f = school.get("/api/v1/evidence/" + id + "/file");
    ASSERT_EQ(f.status, 200) << f.body;
    EXPECT_EQ(f.body, pdf);
    served_by.insert(cluster->server_of(f));
  }
  EXPECT_EQ(served_by.size(), 3u);
  EXPECT_TRUE(served_by.count(uploaded_on));
  ASSERT_EQ(submit(school, d).status, 200);
  ASSERT_EQ(lx.login("lixia").status, 200);
  ASSERT_EQ(lx.post("/api/v1/cases/" + std::to_string(d.id) + "/recommend", "").status, 200);
  auto built = build_package(lx, call);
  ASSERT_EQ(built.json.at("status").as_string(), "done") << built.body;
  std::set<int> zip_by;
  std::string first;
  for (int i = 0; i < 3; ++i) {
    auto zip = lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip");
    ASSERT_EQ(zip.status, 200) << zip.body;
    if (first.empty()) first = zip.body;
    EXPECT_EQ(zip.body, first) << "the same ZIP from every server";
    zip_by.insert(cluster->server_of(zip));
  }
  EXPECT_EQ(zip_by.size(), 3u);
  bool has_evidence = false;
  for (auto& [name, data] : docs::unzip_archive(first)) has_evidence |= name.find("跨服务器的案例") != std::string::npos;
  EXPECT_TRUE(has_evidence);
}

TEST_F(ScaleOut, ElevenRecommendationsFiredAtDifferentServersLeaveExactlyTen) {
  Client city(port()), school(port());
  ASSERT_EQ(city.login("city").status, 200);
  // Eleven cases reach the district (the call allows eleven), then the city holds the
  // district to ten recommendations.
  auto rules = city.get("/api/v1/case-calls/template").json.at("rules").as_object();
  rules["quota_district"] = 11;
  auto title = std::string("多服务器推荐名额测试");
  auto deadline = date_in_days(30);
  auto created = city.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", title}, {"deadline_date", deadline}, {"rules", rules}}));
  ASSERT_EQ(created.status, 201) << created.body;
  long long call = created.json.at("id").as_int64();
  login_school_of(school, "370102", port());
  std::vector<long long> ids;
  for (int i = 0; i < 11; ++i) {
    auto d = new_case(school, call, "名额案例" + std::to_string(i + 1));
    ASSERT_EQ(save(school, d, "名额案例" + std::to_string(i + 1), good_content()).status, 200);
    auto sub = submit(school, d);
    ASSERT_EQ(sub.status, 200) << sub.body;
    ids.push_back(d.id);
  }
  rules["quota_district"] = 10;
  auto tightened =
      city.put("/api/v1/case-calls/" + std::to_string(call), bj::serialize(bj::object{{"title", title}, {"deadline_date", deadline}, {"rules", rules}}));
  ASSERT_EQ(tightened.status, 200) << tightened.body;
  std::vector<std::unique_ptr<Client>> reviewers;
  for (int i = 0; i < 11; ++i) {
    reviewers.push_back(std::make_unique<Client>(port()));
    ASSERT_EQ(reviewers.back()->login("lixia").status, 200);
  }
  std::atomic<int> go{0};
  std::vector<Resp> answers(11);
  std::vector<std::thread> threads;
  for (int i = 0; i < 11; ++i)
    threads.emplace_back([&, i] {
      while (!go) {
      }
      answers[i] = reviewers[i]->post("/api/v1/cases/" + std::to_string(ids[i]) + "/recommend", "");
    });
  go = 1;
  for (auto& t : threads) t.join();
  int ok = 0;
  std::set<int> servers;
  for (auto& a : answers) {
    servers.insert(cluster->server_of(a));
    if (a.status == 200) ++ok;
    else EXPECT_EQ(a.code(), "cases.quota_recommend") << a.body;
  }
  EXPECT_EQ(ok, 10);
  EXPECT_EQ(servers.size(), 3u) << "the requests were spread over the servers";
  auto listed = reviewers[0]->get("/api/v1/cases?call_id=" + std::to_string(call) + "&status=recommended&page_size=50");
  EXPECT_EQ(listed.json.at("total").as_int64(), 10);
  db::Database database(db_url(), 1);
  auto l = database.lease();
  db::Query ranks("SELECT COUNT(DISTINCT recommend_rank), MAX(recommend_rank) FROM cases WHERE call_id = ");
  ranks << ranks.bind(call) << " AND status = 'recommended'";
  auto r = l->conn.row(ranks);
  EXPECT_EQ(r->i64(0), 10) << "ranks 1–10, each once";
  EXPECT_EQ(r->i64(1), 10);
}

TEST_F(ScaleOut, TheReminderJobRunsOnEveryServerAndSendsEachReminderOnce) {
  Client city(port()), school(port());
  ASSERT_EQ(city.login("city").status, 200);
  auto call = open_call(city, "多服务器截止提醒测试", /*days=*/1);
  login_school_of(school, "370102", port());
  new_case(school, call, "尚未报送的案例");
  // Every server runs the reminders each second; wait for a few rounds on all three.
  db::Database database(db_url(), 1);
  auto l = database.lease();
  db::Query q("SELECT COUNT(*), COUNT(DISTINCT dedupe_key) FROM notices WHERE kind = 'cases.reminder' AND dedupe_key LIKE ");
  q << q.bind("cases:remind:" + std::to_string(call) + ":%");
  long long sent = 0;
  for (int i = 0; i < 100 && sent == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    sent = l->conn.row(q)->i64(0);
  }
  ASSERT_GT(sent, 0) << "the reminders were sent";
  std::this_thread::sleep_for(std::chrono::milliseconds(3500));  // three more rounds on each server
  auto r = l->conn.row(q);
  EXPECT_EQ(r->i64(0), r->i64(1)) << "no reminder twice";
  db::Query mine("SELECT COUNT(*) FROM notices WHERE kind = 'cases.reminder' AND dedupe_key LIKE ");
  mine << mine.bind("cases:remind:" + std::to_string(call) + ":%:unit:%");
  EXPECT_EQ(l->conn.scalar(mine), 1) << "the school with a draft is reminded once";
}

TEST_F(ScaleOut, AServerKilledInTheMiddleOfABuildLeavesTheJobToAnother) {
  Client city(port()), school(port()), lx(port());
  ASSERT_EQ(city.login("city").status, 200);
  auto call = open_call(city, "多服务器崩溃接续测试");
  login_school_of(school, "370102", port());
  ASSERT_EQ(lx.login("lixia").status, 200);
  for (int i = 0; i < 10; ++i) {
    auto title = "接续案例" + std::to_string(i + 1);
    auto d = new_case(school, call, title);
    ASSERT_EQ(save(school, d, title, good_content()).status, 200);
    for (int k = 0; k < 3; ++k)
      ASSERT_EQ(upload(school, d.id, tp::plain() + "% kill " + std::to_string(i) + "-" + std::to_string(k) + " " + std::to_string(::getpid()) + "\n",
                       "材料" + std::to_string(k + 1))
                    .status,
                201);
    ASSERT_EQ(submit(school, d).status, 200);
    ASSERT_EQ(lx.post("/api/v1/cases/" + std::to_string(d.id) + "/recommend", "").status, 200);
  }
  auto start = lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/build", "");
  ASSERT_TRUE(start.status == 202 || start.status == 200) << start.body;
  long long job = start.json.at("id").as_int64();
  db::Database database(db_url(), 1);
  auto l = database.lease();
  db::Query owner("SELECT lease_owner FROM jobs WHERE status = 'running' AND id = ");
  owner << owner.bind(job);
  std::string holder;
  for (int i = 0; i < 400 && holder.empty(); ++i) {
    if (auto r = l->conn.row(owner)) holder = r->str(0);
    else std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_FALSE(holder.empty()) << "the build was seen running";
  int victim = -1;
  for (size_t i = 0; i < cluster->servers.size(); ++i)
    if (holder.find(":" + std::to_string(cluster->servers[i]->pid()) + ":") != std::string::npos) victim = (int)i;
  ASSERT_GE(victim, 0) << "the build is held by " << holder << ", not by a server of the cluster";
  cluster->servers[victim]->crash();

  Resp r;
  for (int i = 0; i < 300; ++i) {  // nginx passes the polls to the servers still up
    r = lx.get("/api/v1/document-builds/" + std::to_string(job));
    if (r.status == 200 && (r.json.at("status") == "done" || r.json.at("status") == "failed")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(r.json.at("status").as_string(), "done") << r.body;
  db::Query attempts("SELECT attempts FROM jobs WHERE id = ");
  attempts << attempts.bind(job);
  EXPECT_EQ(l->conn.scalar(attempts), 2) << "taken over once its lease ran out";
  auto zip = lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip");
  ASSERT_EQ(zip.status, 200) << zip.body;
  EXPECT_GE(docs::unzip_archive(zip.body).size(), 21u) << "ten cases in two forms and the summary";
  cluster->servers[victim]->restart();
}

// Last in the suite (gtest runs tests in the order they are written): the chain of every
// audited action the servers wrote, interleaved, verifies.
TEST_F(ScaleOut, ZTheAuditChainWrittenByAllServersVerifies) {
  auto v = run_xietong({"audit", "verify", "--db", db_url(), "--data-dir", cluster->dir + "/verify"});
  EXPECT_EQ(v.rc, 0) << v.out;
  EXPECT_NE(v.out.find("哈希链无断裂"), std::string::npos) << v.out;
}
}  // namespace
}  // namespace xt::itest
