// The HTTP core over a real socket: routing, limits, deadlines, headers, envelopes.
#include "integration/harness.hpp"

#include <thread>

namespace xt::itest {
namespace {

TEST(Http, HealthAnswersWithoutLoginAndCarriesSecurityHeaders) {
  Client c(shared_port());
  auto r = c.get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.json.at("status").as_string(), "ok");
  EXPECT_NE(r.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("Referrer-Policy"), "same-origin");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  EXPECT_EQ(r.header("X-Request-Id").size(), 16u);
  EXPECT_EQ(r.header("Strict-Transport-Security"), "");  // not behind TLS
}

TEST(Http, UnknownRouteIs404AndWrongMethodIs405WithAllow) {
  Client c(shared_port());
  auto r = c.get("/api/v1/nothing-here");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.code(), "request.not_found");
  auto m = c.del("/api/v1/health");
  EXPECT_EQ(m.status, 405);
  EXPECT_EQ(m.header("Allow"), "GET");
  EXPECT_EQ(m.code(), "request.method_not_allowed");
}

TEST(Http, OpenApiListsEveryRouteWithItsPermission) {
  Client c(shared_port());
  auto r = c.get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200);
  auto& paths = r.json.at("paths").as_object();
  ASSERT_TRUE(paths.contains("/api/v1/units/{id}"));
  auto& op = paths.at("/api/v1/units/{id}").at("put").as_object();
  EXPECT_EQ(op.at("x-permission").as_string(), "org:unit:update");
  EXPECT_EQ(op.at("tags").as_array()[0].as_string(), "org");
  size_t ops = 0;
  for (auto& [path, item] : paths)
    for (auto& [method, o] : item.as_object()) {
      ++ops;
      EXPECT_TRUE(o.as_object().contains("x-permission")) << method << " " << path;
    }
  EXPECT_GE(ops, 35u);
}

TEST(Http, HeaderOver16KiBIs431) {
  std::string req = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  auto out = raw_exchange(shared_port(), req);
  EXPECT_NE(out.find("431"), std::string::npos) << out.substr(0, 200);
  EXPECT_NE(out.find("request.header_too_large"), std::string::npos);
}

TEST(Http, BodyOverTheRouteLimitIs413) {
  Client c(shared_port());
  c.login("admin");
  auto r = c.post("/api/v1/auth/login", std::string(9000, ' '));  // login allows 8 KiB
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.code(), "request.body_too_large");
  auto r2 = c.post("/api/v1/units", "{\"name\":\"" + std::string(70000, 'x') + "\"}");
  EXPECT_EQ(r2.status, 413);
}

TEST(Http, TraversalAndEncodedSlashesAreRefused) {
  for (auto path : {"/../etc/passwd", "/assets/..%2f..%2fetc%2fpasswd", "/api/v1/units%2F1", "/a/%2e%2e/b", "/a\\b"}) {
    auto out = raw_exchange(shared_port(), std::string("GET ") + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    EXPECT_NE(out.find("400"), std::string::npos) << path << ": " << out.substr(0, 120);
    EXPECT_NE(out.find("request.bad_path"), std::string::npos) << path;
  }
}

TEST(Http, MalformedRequestLineIs400) {
  auto out = raw_exchange(shared_port(), "BLAH\r\n\r\n");
  EXPECT_NE(out.find("400"), std::string::npos) << out;
}

TEST(Http, KeepAliveAndPipelining) {
  std::string one = "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n";
  auto out = raw_exchange(shared_port(), one + one + one + "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  size_t n = 0, pos = 0;
  while ((pos = out.find("HTTP/1.1 200", pos)) != std::string::npos) { ++n; ++pos; }
  EXPECT_EQ(n, 4u);
}

TEST(Http, SlowHeaderIsCutAtTheDeadline) {
  Server s;
  s.start(db_url(), {"--header-timeout", "1"});
  auto t0 = std::chrono::steady_clock::now();
  auto out = raw_exchange(s.port(), "GET /api/v1/health HTTP/1.1\r\nHo", 5000);
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_NE(out.find("<closed>"), std::string::npos) << out;
  EXPECT_LT(ms, 3000);
  // A normal request on the same server still works.
  Client c(s.port());
  EXPECT_EQ(c.get("/api/v1/health").status, 200);
}

TEST(Http, MalformedJsonWrongTypesAndUnknownFields) {
  Client c(shared_port());
  c.login("admin");
  auto bad = c.post("/api/v1/units", "{\"name\":");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.code(), "request.malformed_json");
  EXPECT_FALSE(bad.json.at("error").at("message").as_string().empty());
  auto type = c.post("/api/v1/units", R"({"name":"x","code":"X1","type":"school","sort":"first"})");
  EXPECT_EQ(type.status, 422);
  EXPECT_EQ(type.code(), "request.invalid_type");
  EXPECT_EQ(type.json.at("error").at("field").as_string(), "sort");
  auto unknown = c.post("/api/v1/units", R"({"name":"x","code":"X1","type":"community","colour":"red"})");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(unknown.code(), "request.unknown_field");
  auto notobj = c.post("/api/v1/units", "[1,2]");
  EXPECT_EQ(notobj.status, 400);
  // Nothing was created by any of them.
  auto list = c.get("/api/v1/units?keyword=X1");
  EXPECT_EQ(list.json.at("total").as_int64(), 0);
}

TEST(Http, BadPagingAndSortAre400) {
  Client c(shared_port());
  c.login("admin");
  EXPECT_EQ(c.get("/api/v1/units?page=0").code(), "request.bad_paging");
  EXPECT_EQ(c.get("/api/v1/units?page_size=1000").code(), "request.bad_paging");
  EXPECT_EQ(c.get("/api/v1/units?sort=password").code(), "request.bad_sort");
  EXPECT_EQ(c.get("/api/v1/units?order=sideways").code(), "request.bad_order");
}

TEST(Http, GracefulDrainOnSigterm) {
  Server s;
  s.start(db_url());
  Client c(s.port());
  EXPECT_EQ(c.get("/api/v1/health").status, 200);
  auto t0 = std::chrono::steady_clock::now();
  s.stop();  // SIGTERM with an idle keep-alive connection open
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 3000);
}
}  // namespace
}  // namespace xt::itest

#include <arpa/inet.h>
#include <sys/socket.h>
#include <unistd.h>

namespace xt::itest {
namespace {
int open_conn(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
  connect(fd, (sockaddr*)&a, sizeof a);
  return fd;
}

TEST(Http, ConnectionsOverTheCapAreClosed) {
  Server s;
  s.start(db_url(), {"--max-connections", "2"});
  int a = open_conn(s.port()), b = open_conn(s.port());
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto refused = raw_exchange(s.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n", 2000);
  EXPECT_EQ(refused.find("200 OK"), std::string::npos) << refused;
  EXPECT_NE(refused.find("<closed>"), std::string::npos) << refused;
  close(a);
  close(b);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  auto ok = raw_exchange(s.port(), "GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 2000);
  EXPECT_NE(ok.find("200 OK"), std::string::npos) << ok;
}
}  // namespace
}  // namespace xt::itest
