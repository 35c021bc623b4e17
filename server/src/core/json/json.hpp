// Strict JSON input helpers: malformed bodies, wrong types and unknown fields become
// the error envelope with a Chinese message naming the field.
#pragma once
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace xt::json {
namespace bj = boost::json;

bj::value parse(const std::string& body);          // 400 request.malformed_json
std::string dump(const bj::value& v);

// Reads fields of one JSON object, remembering which were read; finish() refuses the rest.
class Fields {
 public:
  explicit Fields(const bj::value& v, std::string prefix = {});
  bool has(const char* key) const;
  std::string req_string(const char* key, const char* label, size_t max_chars = 200, bool allow_empty = false);
  // A secret (password) exactly as typed: no trimming; empty refused unless allow_empty.
  std::string req_secret(const char* key, const char* label, size_t max_chars = 128, bool allow_empty = false);
  std::optional<std::string> opt_string(const char* key, const char* label, size_t max_chars = 200);
  int64_t req_int(const char* key, const char* label);
  std::optional<int64_t> opt_int(const char* key, const char* label);
  // An integer within [lo, hi]; anything outside is 422 request.out_of_range naming the range
  // (never cut to fit a narrower type).
  int req_int_in(const char* key, const char* label, int lo, int hi);
  int opt_int_in(const char* key, const char* label, int lo, int hi, int fallback);
  std::optional<bool> opt_bool(const char* key, const char* label);
  const bj::array& req_array(const char* key, const char* label, size_t max_items = 1000);
  std::vector<long long> int_array(const char* key, const char* label, size_t max_items = 1000);
  const bj::value* raw(const char* key);
  void finish() const;  // 400 request.unknown_field

 private:
  const bj::object* obj_;
  std::string prefix_;
  std::set<std::string> seen_;
  const bj::value* get(const char* key);
  std::string name(const char* key) const { return prefix_ + key; }
};

size_t char_count(const std::string& utf8);  // code points
}  // namespace xt::json
