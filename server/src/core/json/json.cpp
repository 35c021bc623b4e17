#include "core/json/json.hpp"

#include <algorithm>

#include "core/http/errors.hpp"
#include "core/text/utf8.hpp"

namespace xt {
std::string error_body(const std::string& code, const std::string& message, const std::string& field) {
  // Messages may quote what the caller sent: never let an ill-formed byte make the body invalid JSON.
  boost::json::object e{{"code", text::printable_utf8(code)}, {"message", text::printable_utf8(message)}};
  if (!field.empty()) e["field"] = text::printable_utf8(field);
  return boost::json::serialize(boost::json::object{{"error", e}});
}
}  // namespace xt

namespace xt::json {

bj::value parse(const std::string& body) {
  if (body.empty()) throw bad_request("request.empty_body", "请求内容为空，应为 JSON");
  boost::system::error_code ec;
  bj::parse_options opt;
  opt.max_depth = 32;
  auto v = bj::parse(body, ec, {}, opt);
  if (ec) throw bad_request("request.malformed_json", "请求内容不是有效的 JSON");
  return v;
}

std::string dump(const bj::value& v) { return bj::serialize(v); }

size_t char_count(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Fields::Fields(const bj::value& v, std::string prefix) : prefix_(std::move(prefix)) {
  if (!v.is_object()) throw bad_request("request.not_object", "请求内容应为 JSON 对象");
  obj_ = &v.as_object();
}

bool Fields::has(const char* key) const {
  auto it = obj_->find(key);
  return it != obj_->end() && !it->value().is_null();
}

const bj::value* Fields::get(const char* key) {
  seen_.insert(key);
  auto it = obj_->find(key);
  if (it == obj_->end() || it->value().is_null()) return nullptr;
  return &it->value();
}

const bj::value* Fields::raw(const char* key) { return get(key); }

static ApiError type_error(const std::string& field, const char* label, const char* want) {
  return unprocessable("request.invalid_type", std::string(label) + "应为" + want, field);
}

std::string Fields::req_string(const char* key, const char* label, size_t max_chars, bool allow_empty) {
  auto v = get(key);
  if (!v) throw unprocessable("request.required", std::string("请填写") + label, name(key));
  if (!v->is_string()) throw type_error(name(key), label, "文本");
  std::string s(v->as_string());
  // trim ASCII whitespace at both ends
  auto b = s.find_first_not_of(" \t\r\n");
  auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  if (s.empty() && !allow_empty) throw unprocessable("request.required", std::string("请填写") + label, name(key));
  if (char_count(s) > max_chars)
    throw unprocessable("request.too_long", std::string(label) + "不超过" + std::to_string(max_chars) + "字（当前" + std::to_string(char_count(s)) + "字）", name(key));
  if (s.find('\0') != std::string::npos) throw unprocessable("request.invalid_char", std::string(label) + "含有非法字符", name(key));
  return s;
}

std::string Fields::req_secret(const char* key, const char* label, size_t max_chars, bool allow_empty) {
  auto v = get(key);
  if (!v) throw unprocessable("request.required", std::string("请填写") + label, name(key));
  if (!v->is_string()) throw type_error(name(key), label, "文本");
  std::string s(v->as_string());
  if (s.empty() && !allow_empty) throw unprocessable("request.required", std::string("请填写") + label, name(key));
  if (char_count(s) > max_chars) throw unprocessable("request.too_long", std::string(label) + "不超过" + std::to_string(max_chars) + "个字符", name(key));
  if (s.find('\0') != std::string::npos) throw unprocessable("request.invalid_char", std::string(label) + "含有非法字符", name(key));
  return s;
}

std::optional<std::string> Fields::opt_string(const char* key, const char* label, size_t max_chars) {
  if (!has(key)) { get(key); return std::nullopt; }
  return req_string(key, label, max_chars, true);
}

int64_t Fields::req_int(const char* key, const char* label) {
  auto v = get(key);
  if (!v) throw unprocessable("request.required", std::string("请填写") + label, name(key));
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64() && v->as_uint64() <= uint64_t(INT64_MAX)) return int64_t(v->as_uint64());
  throw type_error(name(key), label, "整数");
}

std::optional<int64_t> Fields::opt_int(const char* key, const char* label) {
  if (!has(key)) { get(key); return std::nullopt; }
  return req_int(key, label);
}

int Fields::req_int_in(const char* key, const char* label, int lo, int hi) {
  auto v = get(key);
  if (v && (v->is_int64() || v->is_uint64())) {
    // Boost.JSON keeps an integer unsigned only above INT64_MAX: always out of range here.
    if (!v->is_int64() || v->as_int64() < lo || v->as_int64() > hi)
      throw unprocessable("request.out_of_range", std::string(label) + "应在" + std::to_string(lo) + "到" + std::to_string(hi) + "之间", name(key));
    return (int)v->as_int64();
  }
  return (int)req_int(key, label);  // missing or not an integer: its own message
}

int Fields::opt_int_in(const char* key, const char* label, int lo, int hi, int fallback) {
  if (!has(key)) { get(key); return fallback; }
  return req_int_in(key, label, lo, hi);
}

std::optional<bool> Fields::opt_bool(const char* key, const char* label) {
  auto v = get(key);
  if (!v) return std::nullopt;
  if (!v->is_bool()) throw type_error(name(key), label, "是或否（true/false）");
  return v->as_bool();
}

const bj::array& Fields::req_array(const char* key, const char* label, size_t max_items) {
  static const bj::array empty;
  auto v = get(key);
  if (!v) return empty;
  if (!v->is_array()) throw type_error(name(key), label, "列表");
  if (v->as_array().size() > max_items)
    throw unprocessable("request.too_many", std::string(label) + "最多" + std::to_string(max_items) + "项", name(key));
  return v->as_array();
}

std::vector<long long> Fields::int_array(const char* key, const char* label, size_t max_items) {
  std::vector<long long> out;
  for (auto& e : req_array(key, label, max_items)) {
    if (e.is_int64()) out.push_back(e.as_int64());
    else if (e.is_uint64() && e.as_uint64() <= uint64_t(INT64_MAX)) out.push_back(int64_t(e.as_uint64()));
    else throw type_error(name(key), label, "整数列表");
  }
  return out;
}

void Fields::finish() const {
  for (auto& kv : *obj_) {
    std::string k(kv.key());
    if (!seen_.count(k)) throw bad_request("request.unknown_field", "不认识的字段：" + prefix_ + k, prefix_ + k);
  }
}
}  // namespace xt::json
