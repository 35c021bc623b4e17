#include "integration/harness.hpp"

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
  std::string port_file = dir_ + "/port";
  std::vector<std::string> args = {bin("xietong"), "serve", "--db", db_url, "--data-dir", dir_, "--addr", "127.0.0.1:0",
                                   "--port-file", port_file, "--web-dir", dir_ + "/web", "--access-log", "0", "--log-level", "warn"};
  if (demo) args.push_back("--demo");
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

Server& shared_server() {
  static Server* s = [] {
    std::string cmd = bin("xietong-demo") + " --db '" + db_url() + "' --data-dir /tmp --if-empty > /dev/null";
    if (std::system(cmd.c_str()) != 0) throw std::runtime_error("demo generator failed");
    auto* srv = new Server();
    srv->start(db_url());
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
