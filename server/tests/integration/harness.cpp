#include "integration/harness.hpp"

#include <functional>

#include "core/db/db.hpp"
#include "core/files/pg_store.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

namespace xt::itest {

std::string Resp::header(const std::string& k) const {
  auto it = headers.find(k);
  return it == headers.end() ? "" : it->second;
}

std::string Resp::code() const {
  if (!json.is_object()) return "";
  auto* e = json.as_object().if_contains("error");
  if (!e || !e->is_object()) return "";
  return std::string(e->as_object().at("code").as_string());
}

std::string bin(const std::string& name) { return std::string(XIETONG_BIN_DIR) + "/" + name; }

static std::string make_tmp() {
  char tmpl[] = "/tmp/xietong-it.XXXXXX";
  return mkdtemp(tmpl);
}

void Server::start(const std::string& db_url, std::vector<std::string> extra, bool demo) {
  dir_ = make_tmp();
  for (size_t i = 0; i + 1 < extra.size(); ++i)  // a data directory of the caller's (the demo city's files)
    if (extra[i] == "--data-dir") {
      dir_ = extra[i + 1];
      extra.erase(extra.begin() + (long)i, extra.begin() + (long)i + 2);
      break;
    }
  std::string port_file = dir_ + "/port";
  std::vector<std::string> args = {bin("xietong"), "serve", "--db", db_url, "--data-dir", dir_, "--addr", "127.0.0.1:0",
                                   "--port-file", port_file, "--web-dir", dir_ + "/web", "--access-log", "0", "--log-level", "warn"};
  if (demo) args.push_back("--demo");
  // Failed logins per address are counted in the database, and every test client is
  // 127.0.0.1: only a test about the throttle sets a limit (with addresses of its own).
  bool limit_given = false;
  for (auto& e : extra) limit_given |= e == "--ip-failures";
  if (!limit_given) {
    args.push_back("--ip-failures");
    args.push_back("100000");
  }
  if (file_store() == "postgresql" && db_url.rfind("postgres", 0) == 0) {
    args.push_back("--file-store");
    args.push_back("postgresql");
  }
  for (auto& e : extra) args.push_back(e);
  args_ = args;
  spawn();
}

void Server::restart(bool hard) {
  if (pid_ > 0) {
    ::kill(pid_, hard ? SIGKILL : SIGTERM);
    int st;
    waitpid(pid_, &st, 0);
    pid_ = 0;
  }
  std::filesystem::remove(dir_ + "/port");
  spawn();
}

void Server::crash() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int st;
  waitpid(pid_, &st, 0);
  pid_ = 0;
}

void Server::spawn() {
  auto args = args_;
  std::string port_file = dir_ + "/port";
  pid_ = fork();
  if (pid_ == 0) {
    int devnull = open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    std::vector<char*> av;
    for (auto& a : args) av.push_back(a.data());
    av.push_back(nullptr);
    execv(av[0], av.data());
    _exit(127);
  }
  for (int i = 0; i < 200; ++i) {
    std::ifstream in(port_file);
    if (in >> port_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("server did not start");
}

void Server::stop() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int st;
    waitpid(pid_, &st, 0);
    pid_ = 0;
  }
  if (!dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
    dir_.clear();
  }
}

Client::Client(int port) : cli_("127.0.0.1", port), port_(port) {
  cli_.set_read_timeout(30, 0);
  cli_.set_keep_alive(true);
}

httplib::Headers Client::headers(bool write) const {
  httplib::Headers h;
  if (!cookie_.empty()) h.emplace("Cookie", cookie_);
  if (write && !csrf_.empty()) h.emplace("X-CSRF-Token", csrf_);
  return h;
}

Resp Client::wrap(const httplib::Result& r) {
  Resp out;
  if (!r) { out.status = -1; return out; }
  out.status = r->status;
  out.body = r->body;
  out.headers = r->headers;
  if (r->get_header_value("Content-Type").find("json") != std::string::npos && !r->body.empty()) {
    boost::system::error_code ec;
    out.json = boost::json::parse(r->body, ec);
  }
  return out;
}

Resp Client::get(const std::string& path) { return wrap(cli_.Get(path, headers(false))); }
Resp Client::post(const std::string& path, const std::string& body, httplib::Headers extra) {
  auto h = headers(true);
  for (auto& kv : extra) h.insert(kv);
  return wrap(cli_.Post(path, h, body, "application/json"));
}
Resp Client::put(const std::string& path, const std::string& body) { return wrap(cli_.Put(path, headers(true), body, "application/json")); }
Resp Client::del(const std::string& path) { return wrap(cli_.Delete(path, headers(true))); }

Resp Client::login(const std::string& user, const std::string& password) {
  auto r = post("/api/v1/auth/login", boost::json::serialize(boost::json::object{{"username", user}, {"password", password}}));
  if (r.status == 200) {
    auto sc = r.header("Set-Cookie");
    cookie_ = sc.substr(0, sc.find(';'));
    csrf_ = std::string(r.json.at("csrf_token").as_string());
  }
  return r;
}

std::string raw_exchange(int port, const std::string& bytes, int timeout_ms, int pause_ms, const std::string& more) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  if (connect(fd, (sockaddr*)&a, sizeof a) != 0) { close(fd); return "<connect failed>"; }
  ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  if (pause_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(pause_ms));
    if (!more.empty()) ::send(fd, more.data(), more.size(), MSG_NOSIGNAL);
  }
  std::string out;
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - std::chrono::steady_clock::now()).count();
    if (left <= 0) { out += "<timeout>"; break; }
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, (int)left) <= 0) { out += "<timeout>"; break; }
    char buf[4096];
    auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) { out += "<closed>"; break; }
    out.append(buf, (size_t)n);
  }
  close(fd);
  return out;
}

std::string date_in_days(int days) {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + std::chrono::hours(24 * days));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string db_url() {
  static std::string url = [] {
    if (const char* u = std::getenv("XIETONG_TEST_DB"); u && *u) return std::string(u);
    return "sqlite:" + make_tmp() + "/it.db";
  }();
  return url;
}

std::string demo_dir() {
  static std::string dir = make_tmp();
  return dir;
}

void ensure_demo_data() {
  static bool done = [] {
    // The files the demo makes (the street network) go where the shared server keeps its files.
    std::string cmd = bin("xietong-demo") + " --db '" + db_url() + "' --data-dir '" + demo_dir() + "' --if-empty" +
                      (file_store() == "postgresql" ? " --file-store postgresql" : "") + " > /dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("demo generator failed");
    return true;
  }();
  (void)done;
}

Server& shared_server() {
  static Server* s = [] {
    ensure_demo_data();
    auto* srv = new Server();
    srv->start(db_url(), {"--data-dir", demo_dir()});
    return srv;
  }();
  return *s;
}
int shared_port() { return shared_server().port(); }

namespace {
struct Env : ::testing::Environment {
  void TearDown() override { shared_server().stop(); }
};
[[maybe_unused]] auto* env = ::testing::AddGlobalTestEnvironment(new Env);
}  // namespace
}  // namespace xt::itest

namespace xt::itest {
namespace {
namespace fs = std::filesystem;
bool pg_files() { return file_store() == "postgresql"; }

fs::path local_file(const std::string& data_dir, const std::string& store, const std::string& sha) {
  return fs::path(data_dir) / (store == "uploads" ? "files" : store) / sha.substr(0, 2) / sha;
}
fs::path cached_copy(const std::string& data_dir, const std::string& store, const std::string& sha) {
  return fs::path(data_dir) / "cache" / (store == "uploads" ? "files" : store) / sha.substr(0, 2) / sha;
}
files::PgStore pg_store(const std::string& store) {
  return files::PgStore(store, db_url(), make_tmp() + "/probe-cache", 64 << 20, 1);
}
void exec_sql(const std::function<void(db::Query&)>& build, const std::string& sql) {
  db::Database d(db_url(), 1);
  auto l = d.lease();
  db::Query q(sql);
  build(q);
  l->conn.exec(q);
}
}  // namespace

std::string file_store() {
  const char* v = std::getenv("XIETONG_TEST_FILE_STORE");
  if (v && std::string(v) == "postgresql" && db_url().rfind("postgres", 0) == 0) return "postgresql";
  return "local";
}

CliResult run_xietong(const std::vector<std::string>& args) {
  std::string cmd = bin("xietong");
  for (auto& a : args) {
    std::string q = "'";
    for (char ch : a) q += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    cmd += " " + q + "'";
  }
  cmd += " 2>&1";
  CliResult r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[1024];
  while (fgets(buf, sizeof buf, p)) r.out += buf;
  int st = pclose(p);
  r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string empty_database(const std::string& tag) {
  auto url = db_url();
  if (url.rfind("sqlite:", 0) == 0) return "sqlite:" + make_tmp() + "/" + tag + ".db";
  auto name = "xietong_" + tag + "_" + std::to_string(::getpid());
  {
    db::Database d(url, 1);
    auto l = d.lease();
    l->conn.exec_script("DROP DATABASE IF EXISTS " + name);
    l->conn.exec_script("CREATE DATABASE " + name);
  }
  auto slash = url.find("@/") + 2;
  auto end = url.find('?', slash);
  return url.substr(0, slash) + name + (end == std::string::npos ? "" : url.substr(end));
}

std::vector<std::string> store_flags() {
  if (file_store() == "postgresql") return {"--file-store", "postgresql"};
  return {};
}

bool in_store(const std::string& data_dir, const std::string& bytes, const std::string& store) {
  auto sha = files::sha256_bytes(bytes);
  if (!pg_files()) return fs::exists(local_file(data_dir, store, sha));
  return pg_store(store).has(sha);
}

void leave_in_store(const std::string& data_dir, const std::string& bytes, int hours) {
  if (!pg_files()) {
    auto p = local_file(data_dir, "uploads", files::sha256_bytes(bytes));
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
  } else {
    auto s = pg_store("uploads");
    s.put_bytes(bytes, make_tmp());
  }
  age_in_store(data_dir, bytes, hours);
}

void age_in_store(const std::string& data_dir, const std::string& bytes, int hours) {
  auto sha = files::sha256_bytes(bytes);
  auto when = std::chrono::system_clock::now() - std::chrono::hours(hours);
  if (!pg_files()) {
    fs::last_write_time(local_file(data_dir, "uploads", sha), fs::file_time_type::clock::now() - std::chrono::hours(hours));
    return;
  }
  long long ms = std::chrono::duration_cast<std::chrono::milliseconds>(when.time_since_epoch()).count();
  exec_sql([&](db::Query& q) { q << q.bind(ms) << " WHERE store = 'uploads' AND sha256 = " << q.bind(sha); },
           "UPDATE stored_files SET stored_at = ");
}

void damage_in_store(const std::string& data_dir, const std::string& bytes) {
  auto sha = files::sha256_bytes(bytes);
  const std::string junk = "%PDF-1.4\n这不再是 PDF";
  if (!pg_files()) {
    auto p = local_file(data_dir, "uploads", sha);
    ASSERT_TRUE(fs::exists(p)) << p;
    std::ofstream(p, std::ios::binary | std::ios::trunc) << junk;
    return;
  }
  ASSERT_TRUE(pg_store("uploads").has(sha));
  exec_sql([&](db::Query& q) { q << q.bind(junk) << ", 'UTF8') WHERE store = 'uploads' AND sha256 = " << q.bind(sha); },
           "UPDATE stored_file_chunks SET data = convert_to(");
  std::error_code ec;
  fs::remove(cached_copy(data_dir, "uploads", sha), ec);  // the server's copy made at upload
}

void clear_store(const std::string& data_dir, const std::string& store) {
  if (!pg_files()) {
    fs::remove_all(fs::path(data_dir) / (store == "uploads" ? "files" : store));
    return;
  }
  exec_sql([&](db::Query& q) { q << q.bind(store); }, "DELETE FROM stored_file_chunks WHERE store = ");
  exec_sql([&](db::Query& q) { q << q.bind(store); }, "DELETE FROM stored_files WHERE store = ");
  fs::remove_all(fs::path(data_dir) / "cache" / (store == "uploads" ? "files" : store));
}
}  // namespace xt::itest
