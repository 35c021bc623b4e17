// The built web app: files loaded once at start, precompressed .br/.gz variants, ETags,
// immutable caching for hashed assets, SPA fallback to index.html.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "core/http/types.hpp"

namespace xt::http {

// Rejects "..", NUL, backslashes and encoded slashes; returns false for a bad raw path.
bool safe_path(const std::string& raw_path);

// A page's first view filled in by a module (the public map's first list), so that a phone on a
// slow network sees content before the scripts arrive: the fragment goes inside
// <div id="app"></div>, where the app's own render replaces it. `fill` gets the request path
// and runs on an io thread: it must only read memory ("" = the page as built).
using PageFill = std::function<std::string(const std::string& path)>;
void register_page_fill(const std::string& file, PageFill fill);  // file: "/map.html"

class StaticFiles {
 public:
  explicit StaticFiles(const std::string& dir);
  size_t count() const { return files_.size(); }
  // nullopt: not a static request (the caller answers 404)
  std::optional<Response> serve(const Request& req) const;

 private:
  struct File { std::string body, gz, br, etag, mime; bool immutable = false; };
  std::map<std::string, File> files_;
  const File* find(const std::string& path) const;
};
}  // namespace xt::http
