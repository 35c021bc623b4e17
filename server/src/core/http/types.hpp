// Plain request/response types shared by the router and handlers. No Beast here.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xt::http {

struct Request {
  std::string method;             // "GET", "POST", ...
  std::string target;             // raw target as received
  std::string path;               // decoded path, no query
  std::string query;              // raw query string, no '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::string body;
  std::string body_file;  // upload routes: the body streamed to this temporary file
  std::string remote_ip;
  std::string request_id;
  std::map<std::string, std::string> params;  // {id} captures

  std::optional<std::string> header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::string file;  // when set, the body is this file, sent from disk (stored downloads)
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;

  void set_header(std::string name, std::string value);
  static Response json(std::string body, int status = 200);
  static Response no_content();
};

std::string url_decode(std::string_view in, bool plus_as_space);
}  // namespace xt::http
