#include "core/http/static_files.hpp"

#include <mutex>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/auth/password.hpp"

namespace fs = std::filesystem;

namespace xt::http {

bool safe_path(const std::string& raw) {
  if (raw.empty() || raw[0] != '/') return false;
  std::string lower = raw;
  for (auto& c : lower) c = (char)std::tolower((unsigned char)c);
  if (lower.find("%2f") != std::string::npos || lower.find("%5c") != std::string::npos ||
      lower.find("%00") != std::string::npos || lower.find("%2e") != std::string::npos)
    return false;
  if (raw.find('\\') != std::string::npos || raw.find('\0') != std::string::npos) return false;
  size_t i = 0;
  while (i < raw.size()) {
    size_t j = raw.find('/', i + 1);
    if (j == std::string::npos) j = raw.size();
    auto seg = raw.substr(i + 1, j - i - 1);
    if (seg == ".." || seg == ".") return false;
    i = j;
  }
  return true;
}

static std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

static std::string mime_of(const std::string& ext) {
  static const std::map<std::string, std::string> m = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"}, {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"}, {".json", "application/json"}, {".svg", "image/svg+xml"},
      {".png", "image/png"}, {".jpg", "image/jpeg"}, {".jpeg", "image/jpeg"}, {".gif", "image/gif"},
      {".ico", "image/x-icon"}, {".woff", "font/woff"}, {".woff2", "font/woff2"}, {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"}, {".map", "application/json"}, {".webp", "image/webp"}};
  auto it = m.find(ext);
  return it == m.end() ? "application/octet-stream" : it->second;
}

StaticFiles::StaticFiles(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  for (auto& e : fs::recursive_directory_iterator(dir, ec)) {
    if (!e.is_regular_file()) continue;
    auto ext = e.path().extension().string();
    if (ext == ".br" || ext == ".gz") continue;
    auto rel = "/" + fs::relative(e.path(), dir).generic_string();
    File f;
    f.body = read_file(e.path());
    if (fs::exists(e.path().string() + ".gz")) f.gz = read_file(e.path().string() + ".gz");
    if (fs::exists(e.path().string() + ".br")) f.br = read_file(e.path().string() + ".br");
    f.etag = "\"" + auth::sha256_hex(f.body).substr(0, 20) + "\"";
    f.mime = mime_of(ext);
    f.immutable = rel.rfind("/assets/", 0) == 0;
    files_[rel] = std::move(f);
  }
}

const StaticFiles::File* StaticFiles::find(const std::string& path) const {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

namespace {
std::mutex fills_mu;
std::map<std::string, PageFill>& fills() {
  static std::map<std::string, PageFill> m;
  return m;
}
}  // namespace

void register_page_fill(const std::string& file, PageFill fill) {
  std::lock_guard l(fills_mu);
  fills()[file] = std::move(fill);
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (req.method != "GET" && req.method != "HEAD") return std::nullopt;
  const File* f = find(req.path == "/" ? "/index.html" : req.path);
  if (!f) {
    // SPA fallback: extension-less paths outside /api and /assets get index.html
    auto last = req.path.substr(req.path.rfind('/') + 1);
    if (req.path == "/api" || req.path.rfind("/api/", 0) == 0 || req.path.rfind("/assets/", 0) == 0 || last.find('.') != std::string::npos)
      return std::nullopt;
    // The public pages (典型案例库 /library/…, 运动地图 /map/…) are apps of their own, without the
    // admin's code.
    auto under = [&](const std::string& root) { return req.path == root || req.path.rfind(root + "/", 0) == 0; };
    f = under("/library") ? find("/library.html") : under("/map") ? find("/map.html") : nullptr;
    if (!f) f = find("/index.html");
    if (!f) return std::nullopt;
  }
  PageFill fill;
  {
    std::lock_guard l(fills_mu);
    for (auto& [file, fn] : fills())
      if (find(file) == f) fill = fn;
  }
  if (fill) {
    static const std::string slot = "<div id=\"app\"></div>";
    auto fragment = fill(req.path);
    auto at = f->body.find(slot);
    if (!fragment.empty() && at != std::string::npos) {
      Response r;
      r.content_type = f->mime;
      r.body = f->body.substr(0, at) + "<div id=\"app\">" + fragment + "</div>" + f->body.substr(at + slot.size());
      r.set_header("ETag", "\"" + auth::sha256_hex(r.body).substr(0, 20) + "\"");
      r.set_header("Cache-Control", "no-cache");
      if (auto inm = req.header("if-none-match"); inm && inm->find(auth::sha256_hex(r.body).substr(0, 20)) != std::string::npos) {
        r.status = 304;
        r.body.clear();
      }
      return r;
    }
  }
  Response r;
  r.content_type = f->mime;
  r.set_header("ETag", f->etag);
  r.set_header("Cache-Control", f->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.set_header("Vary", "Accept-Encoding");
  if (auto inm = req.header("if-none-match"); inm && inm->find(f->etag) != std::string::npos) {
    r.status = 304;
    return r;
  }
  auto ae = req.header("accept-encoding").value_or("");
  if (!f->br.empty() && ae.find("br") != std::string::npos) {
    r.body = f->br;
    r.set_header("Content-Encoding", "br");
  } else if (!f->gz.empty() && ae.find("gzip") != std::string::npos) {
    r.body = f->gz;
    r.set_header("Content-Encoding", "gzip");
  } else {
    r.body = f->body;
  }
  return r;
}
}  // namespace xt::http
