#include "core/http/types.hpp"

#include "core/http/errors.hpp"
#include "core/text/utf8.hpp"

#include <algorithm>
#include <cctype>

namespace xt::http {

std::optional<std::string> Request::header(std::string_view name) const {
  for (auto& [k, v] : headers)
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(),
                   [](char a, char b) { return std::tolower((unsigned char)a) == std::tolower((unsigned char)b); }))
      return v;
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  auto h = header("cookie");
  if (!h) return std::nullopt;
  std::string_view s = *h;
  while (!s.empty()) {
    auto semi = s.find(';');
    auto part = s.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return std::nullopt;
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  std::string_view s = query;
  while (!s.empty()) {
    auto amp = s.find('&');
    auto part = s.substr(0, amp);
    auto eq = part.find('=');
    auto key = url_decode(part.substr(0, eq), true);
    if (key == name) {
      auto v = eq == std::string_view::npos ? std::string() : url_decode(part.substr(eq + 1), true);
      if (!text::valid_utf8(v))
        throw bad_request("request.bad_encoding", "参数 " + text::printable_utf8(key) + " 含有无法识别的字符（应为 UTF-8 编码）", text::printable_utf8(key));
      return v;
    }
    if (amp == std::string_view::npos) break;
    s.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

void Response::set_header(std::string name, std::string value) {
  // No header value may carry a line break or another control character (response splitting).
  std::erase_if(value, [](char ch) { return (unsigned char)ch < 0x20 && ch != '\t'; });
  std::erase_if(name, [](char ch) { return (unsigned char)ch <= 0x20 || ch == ':' || ch == 0x7f; });
  for (auto& [k, v] : headers)
    if (k == name) { v = std::move(value); return; }
  headers.emplace_back(std::move(name), std::move(value));
}

Response Response::json(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string url_decode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%' && i + 2 < in.size() && hexval(in[i + 1]) >= 0 && hexval(in[i + 2]) >= 0) {
      out.push_back(char(hexval(in[i + 1]) * 16 + hexval(in[i + 2])));
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}
}  // namespace xt::http
