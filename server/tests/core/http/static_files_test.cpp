// The built web app: path safety, precompressed variants, ETags, caching and SPA fallback.
#include "core/http/static_files.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "core/auth/password.hpp"

namespace fs = std::filesystem;

namespace xt::http {
namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "xt-static-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  void write(const std::string& rel, const std::string& body) const {
    auto p = path / rel;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << body;
  }
};

TEST(SafePath, RejectsTraversalEncodedSeparatorsAndRelativePaths) {
  const std::vector<std::string> bad = {
      "",
      "relative/path",
      "index.html",
      "/..",
      "/../etc/passwd",
      "/a/../../b",
      "/a/..",
      "/a/./b",
      "/.",
      "/a/%2f/b",
      "/a%2Fb",
      "/a/%2e%2e/b",
      "/a/%2E%2E/b",
      "/%2e",
      "/a%5cb",
      "/a%5Cb",
      "/a%00b",
      "/a\\b",
      "/a/..\\b",
      std::string("/a\0b", 4),
      std::string("/\0", 2),
  };
  for (auto& p : bad) {
    SCOPED_TRACE(p);
    EXPECT_FALSE(safe_path(p));
  }
}

TEST(SafePath, AcceptsOrdinaryPaths) {
  const std::vector<std::string> good = {
      "/",
      "/index.html",
      "/assets/app.123.js",
      "/org/users",
      "/api/v1/units/42",
      "/a/%E4%B8%AD",
      "/a/%e4%b8%ad/b",
      "/a/b/",
      "/a..b/c",
      "/.well-known/x",
      "/...",
      "/a%20b",
  };
  for (auto& p : good) {
    SCOPED_TRACE(p);
    EXPECT_TRUE(safe_path(p));
  }
}

class StaticFilesTest : public ::testing::Test {
 protected:
  TempDir dir;
  std::unique_ptr<StaticFiles> files;

  void SetUp() override {
    dir.write("index.html", "<!doctype html><title>协同</title>");
    dir.write("assets/app.123.js", "console.log('app')");
    dir.write("assets/app.123.js.gz", "GZIP-BYTES");
    dir.write("assets/app.123.js.br", "BROTLI-BYTES");
    dir.write("assets/style.9.css", "body{}");
    dir.write("assets/style.9.css.gz", "CSS-GZIP");
    dir.write("favicon.svg", "<svg/>");
    files = std::make_unique<StaticFiles>(dir.path.string());
  }

  std::optional<Response> get(const std::string& path, const std::string& accept_encoding = "",
                              const std::string& if_none_match = "", const std::string& method = "GET") const {
    Request r;
    r.method = method;
    r.path = path;
    r.target = path;
    if (!accept_encoding.empty()) r.headers.emplace_back("accept-encoding", accept_encoding);
    if (!if_none_match.empty()) r.headers.emplace_back("if-none-match", if_none_match);
    return files->serve(r);
  }
};

std::optional<std::string> header(const Response& r, const std::string& name) {
  for (auto& [k, v] : r.headers)
    if (k == name) return v;
  return std::nullopt;
}

std::string etag_of(const std::string& body) { return "\"" + auth::sha256_hex(body).substr(0, 20) + "\""; }

TEST_F(StaticFilesTest, LoadsFilesButNotTheirCompressedVariants) {
  EXPECT_EQ(files->count(), 4u);  // index.html, app.123.js, style.9.css, favicon.svg
}

TEST_F(StaticFilesTest, BrotliWhenAccepted) {
  auto r = get("/assets/app.123.js", "gzip, deflate, br");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "BROTLI-BYTES");
  EXPECT_EQ(header(*r, "Content-Encoding").value_or(""), "br");
  EXPECT_EQ(r->content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(header(*r, "Vary").value_or(""), "Accept-Encoding");
}

TEST_F(StaticFilesTest, GzipWhenBrotliIsNotAccepted) {
  auto r = get("/assets/app.123.js", "gzip, deflate");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "GZIP-BYTES");
  EXPECT_EQ(header(*r, "Content-Encoding").value_or(""), "gzip");
}

TEST_F(StaticFilesTest, GzipWhenThereIsNoBrotliVariant) {
  auto r = get("/assets/style.9.css", "br, gzip");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "CSS-GZIP");
  EXPECT_EQ(header(*r, "Content-Encoding").value_or(""), "gzip");
  EXPECT_EQ(r->content_type, "text/css; charset=utf-8");
}

TEST_F(StaticFilesTest, IdentityWithoutAcceptEncodingOrVariants) {
  auto r = get("/assets/app.123.js");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "console.log('app')");
  EXPECT_FALSE(header(*r, "Content-Encoding").has_value());
  auto id = get("/assets/app.123.js", "identity");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->body, "console.log('app')");
  EXPECT_FALSE(header(*id, "Content-Encoding").has_value());
  // index.html has no variants: the plain body even when br is accepted
  auto idx = get("/index.html", "gzip, br");
  ASSERT_TRUE(idx);
  EXPECT_EQ(idx->body, "<!doctype html><title>协同</title>");
  EXPECT_FALSE(header(*idx, "Content-Encoding").has_value());
}

TEST_F(StaticFilesTest, EtagAndIfNoneMatchGive304) {
  auto r = get("/assets/app.123.js", "br");
  ASSERT_TRUE(r);
  auto etag = header(*r, "ETag");
  ASSERT_TRUE(etag);
  EXPECT_EQ(*etag, etag_of("console.log('app')"));
  auto again = get("/assets/app.123.js", "br", *etag);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(header(*again, "ETag").value_or(""), *etag);
  // one of a list also matches
  auto listed = get("/assets/app.123.js", "", "\"other\", " + *etag);
  ASSERT_TRUE(listed);
  EXPECT_EQ(listed->status, 304);
  // a different tag is a full answer
  auto stale = get("/assets/app.123.js", "", "\"0000000000\"");
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->status, 200);
  EXPECT_EQ(stale->body, "console.log('app')");
  // another file's tag does not match
  auto idx = get("/index.html", "", *etag);
  ASSERT_TRUE(idx);
  EXPECT_EQ(idx->status, 200);
  EXPECT_NE(header(*idx, "ETag").value_or(""), *etag);
}

TEST_F(StaticFilesTest, HashedAssetsAreImmutableAndIndexIsNoCache) {
  auto a = get("/assets/app.123.js");
  ASSERT_TRUE(a);
  auto cc = header(*a, "Cache-Control").value_or("");
  EXPECT_NE(cc.find("immutable"), std::string::npos) << cc;
  EXPECT_NE(cc.find("max-age=31536000"), std::string::npos) << cc;
  auto i = get("/index.html");
  ASSERT_TRUE(i);
  EXPECT_EQ(header(*i, "Cache-Control").value_or(""), "no-cache");
  auto f = get("/favicon.svg");
  ASSERT_TRUE(f);
  EXPECT_EQ(header(*f, "Cache-Control").value_or(""), "no-cache");
  EXPECT_EQ(f->content_type, "image/svg+xml");
}

TEST_F(StaticFilesTest, RootAndSpaRoutesServeIndex) {
  for (const char* p : {"/", "/org/users", "/org/units/42", "/login"}) {
    SCOPED_TRACE(p);
    auto r = get(p);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->body, "<!doctype html><title>协同</title>");
    EXPECT_EQ(r->content_type, "text/html; charset=utf-8");
    EXPECT_EQ(header(*r, "Cache-Control").value_or(""), "no-cache");
  }
}

TEST_F(StaticFilesTest, LibraryRoutesServeTheLibraryPageWhenBuilt) {
  // Without library.html every path falls back to the admin app.
  ASSERT_TRUE(get("/library/cases/3"));
  EXPECT_EQ(get("/library/cases/3")->body, "<!doctype html><title>协同</title>");
  dir.write("library.html", "<!doctype html><title>典型案例库</title>");
  files = std::make_unique<StaticFiles>(dir.path.string());
  for (const char* p : {"/library", "/library/", "/library/cases/3", "/library/verify/2026-001-ABCDEFGH"}) {
    SCOPED_TRACE(p);
    auto r = get(p);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "<!doctype html><title>典型案例库</title>");
  }
  EXPECT_EQ(get("/libraryx")->body, "<!doctype html><title>协同</title>") << "only the /library tree";
  EXPECT_EQ(get("/org/users")->body, "<!doctype html><title>协同</title>");
}

TEST_F(StaticFilesTest, MapRoutesServeTheMapPageWhenBuilt) {
  EXPECT_EQ(get("/map/venues/3")->body, "<!doctype html><title>协同</title>");
  dir.write("map.html", "<!doctype html><title>运动地图</title>");
  files = std::make_unique<StaticFiles>(dir.path.string());
  for (const char* p : {"/map", "/map/", "/map/venues/3"}) {
    SCOPED_TRACE(p);
    EXPECT_EQ(get(p)->body, "<!doctype html><title>运动地图</title>");
  }
  EXPECT_EQ(get("/mapx")->body, "<!doctype html><title>协同</title>") << "only the /map tree";
  EXPECT_EQ(get("/library")->body, "<!doctype html><title>协同</title>") << "no library page built";
}

TEST_F(StaticFilesTest, APageFillGoesInsideTheAppElementWithItsOwnEtag) {
  dir.write("fill.html", "<!doctype html><body><div id=\"app\"></div><script src=/a.js></script></body>");
  files = std::make_unique<StaticFiles>(dir.path.string());
  std::string fragment;
  register_page_fill("/fill.html", [&](const std::string& path) { return path == "/fill.html" ? fragment : std::string(); });
  auto plain = get("/fill.html");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->body, "<!doctype html><body><div id=\"app\"></div><script src=/a.js></script></body>") << "an empty fill: the page as built";
  fragment = "<ul><li>场馆</li></ul>";
  auto filled = get("/fill.html");
  ASSERT_TRUE(filled);
  EXPECT_EQ(filled->body, "<!doctype html><body><div id=\"app\"><ul><li>场馆</li></ul></div><script src=/a.js></script></body>");
  EXPECT_NE(header(*filled, "ETag"), header(*plain, "ETag"));
  EXPECT_EQ(header(*filled, "Cache-Control").value_or(""), "no-cache");
  EXPECT_EQ(get("/fill.html", "", *header(*filled, "ETag"))->status, 304);
  fragment = "<ul><li>另一个</li></ul>";
  EXPECT_EQ(get("/fill.html", "", "")->status, 200);
  register_page_fill("/fill.html", [](const std::string&) { return std::string(); });
}

TEST_F(StaticFilesTest, MissingAssetsApiAndFilesWithExtensionsAreNotStatic) {
  for (const char* p : {"/assets/missing.js", "/assets/page", "/api/x", "/api/v1/units", "/x.png", "/org/report.pdf"}) {
    SCOPED_TRACE(p);
    EXPECT_FALSE(get(p).has_value());
  }
}

TEST_F(StaticFilesTest, OnlyGetAndHead) {
  EXPECT_FALSE(get("/", "", "", "POST").has_value());
  EXPECT_FALSE(get("/org/users", "", "", "POST").has_value());
  EXPECT_FALSE(get("/assets/app.123.js", "", "", "PUT").has_value());
  EXPECT_FALSE(get("/index.html", "", "", "DELETE").has_value());
  auto h = get("/assets/app.123.js", "", "", "HEAD");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
}

TEST(StaticFilesMissingDir, ServesNothing) {
  StaticFiles f((fs::temp_directory_path() / "xt-static-does-not-exist-4711").string());
  EXPECT_EQ(f.count(), 0u);
  Request r;
  r.method = "GET";
  r.path = "/";
  EXPECT_FALSE(f.serve(r).has_value());
  r.path = "/org/users";
  EXPECT_FALSE(f.serve(r).has_value());
}

TEST(StaticFilesNoIndex, SpaFallbackNeedsAnIndex) {
  TempDir d;
  d.write("assets/a.js", "x");
  StaticFiles f(d.path.string());
  EXPECT_EQ(f.count(), 1u);
  Request r;
  r.method = "GET";
  r.path = "/org/users";
  EXPECT_FALSE(f.serve(r).has_value());
  r.path = "/assets/a.js";
  auto a = f.serve(r);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->body, "x");
}
}  // namespace
}  // namespace xt::http

namespace xt::http {
namespace {
TEST(StaticFilesApi, BareApiPathIsNotTheSpa) {
  auto dir = std::filesystem::temp_directory_path() / "xt-static-api-test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "index.html") << "<html></html>";
  StaticFiles f(dir.string());
  Request r;
  r.method = "GET";
  r.path = "/api";
  EXPECT_FALSE(f.serve(r).has_value());
  r.path = "/apiary";
  EXPECT_TRUE(f.serve(r).has_value()) << "only /api itself and /api/... are kept out of the SPA";
  std::filesystem::remove_all(dir);
}
}  // namespace
}  // namespace xt::http
