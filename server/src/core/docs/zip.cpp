#include "core/docs/zip.hpp"

#include <zip.h>

#include <cctype>
#include <ctime>
#include <set>
#include <memory>
#include <stdexcept>

namespace xt::docs {
namespace {
[[noreturn]] void fail(const char* what, zip_error_t* e) {
  std::string msg = std::string(what) + ": " + (e ? zip_error_strerror(e) : "zip error");
  throw std::runtime_error(msg);
}
}  // namespace

std::string zip_archive(const std::vector<std::pair<std::string, std::string>>& entries) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
  if (!src) fail("zip buffer", &err);
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
  if (!za) {
    zip_source_free(src);
    fail("zip open", &err);
  }
  zip_source_keep(src);  // read the result after zip_close
  for (auto& [name, data] : entries) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);  // data outlives zip_close
    if (!s || zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8) < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      zip_source_free(src);
      throw std::runtime_error("zip add " + name);
    }
  }
  if (zip_close(za) < 0) {
    zip_discard(za);
    zip_source_free(src);
    throw std::runtime_error("zip close");
  }
  std::string out;
  zip_stat_t st;
  if (zip_source_open(src) < 0 || zip_source_stat(src, &st) < 0) {
    zip_source_free(src);
    throw std::runtime_error("zip read back");
  }
  out.resize(st.size);
  auto n = zip_source_read(src, out.data(), st.size);
  zip_source_close(src);
  zip_source_free(src);
  if (n < 0 || (zip_uint64_t)n != st.size) throw std::runtime_error("zip read back");
  return out;
}

bool stored_uncompressed(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return false;
  std::string ext;
  for (char c : name.substr(dot + 1)) ext += (char)std::tolower((unsigned char)c);
  for (auto* e : {"pdf", "jpg", "jpeg", "png", "docx", "xlsx", "zip", "gz"})
    if (ext == e) return true;
  return false;
}

std::string entry_name(const std::string& name, size_t max_bytes) {
  if (name.size() <= max_bytes) return name;
  std::string ext;
  if (auto dot = name.rfind('.'); dot != std::string::npos && name.size() - dot <= 10 && name.find('/', dot) == std::string::npos)
    ext = name.substr(dot);
  size_t keep = max_bytes > ext.size() + 3 ? max_bytes - ext.size() - 3 : 1;  // room for "…"
  while (keep > 0 && ((unsigned char)name[keep] & 0xC0) == 0x80) --keep;      // not inside a character
  return name.substr(0, keep) + "\xE2\x80\xA6" + ext;
}

long long beijing_dos_time(long long unix_seconds) {
  time_t t = (time_t)unix_seconds;
  std::tm local{};
  localtime_r(&t, &local);
  return unix_seconds + 8 * 3600 - local.tm_gmtoff;  // read back as local time, it says Beijing time
}

void zip_file(const std::string& out_path, const std::vector<ZipEntry>& entries) {
  int errorp = 0;
  zip_t* za = zip_open(out_path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &errorp);
  if (!za) throw std::runtime_error("zip open " + out_path);
  auto when = (time_t)beijing_dos_time((long long)std::time(nullptr));
  std::set<std::string> used;
  for (auto& e : entries) {
    auto name = entry_name(e.name);
    for (int n = 2; !used.insert(name).second; ++n) {  // two long names cut to the same prefix: "…~2.docx"
      auto cut = entry_name(e.name, 190);
      auto dot = cut.rfind('.');
      if (dot == std::string::npos || cut.size() - dot > 10) dot = cut.size();
      name = cut.substr(0, dot) + "~" + std::to_string(n) + cut.substr(dot);
    }
    zip_source_t* s = e.path.empty() ? zip_source_buffer(za, e.data.data(), e.data.size(), 0)  // data outlives zip_close
                                     : zip_source_file(za, e.path.c_str(), 0, -1);
    zip_int64_t idx = s ? zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
      if (s) zip_source_free(s);
      zip_discard(za);
      throw std::runtime_error("zip add " + e.name);
    }
    zip_file_set_mtime(za, (zip_uint64_t)idx, when, 0);
    if (stored_uncompressed(e.name)) zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
  }
  if (zip_close(za) < 0) {
    std::string why = zip_strerror(za);
    zip_discard(za);
    throw std::runtime_error("zip write: " + why);
  }
}

std::vector<std::pair<std::string, std::string>> unzip_archive(const std::string& bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) fail("zip buffer", &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err);
  if (!za) {
    zip_source_free(src);
    fail("zip open", &err);
  }
  std::vector<std::pair<std::string, std::string>> out;
  auto count = zip_get_num_entries(za, 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t st;
    zip_stat_index(za, (zip_uint64_t)i, 0, &st);
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen_index(za, (zip_uint64_t)i, 0);
    if (!f || zip_fread(f, data.data(), st.size) != (zip_int64_t)st.size) {
      if (f) zip_fclose(f);
      zip_close(za);
      throw std::runtime_error("zip entry unreadable");
    }
    zip_fclose(f);
    out.emplace_back(st.name, std::move(data));
  }
  zip_close(za);
  return out;
}

std::map<std::string, std::string> unzip_entries(const std::string& bytes, const std::set<std::string>& names, size_t max_bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) fail("zip buffer", &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!za) {
    zip_source_free(src);
    fail("zip open", &err);
  }
  std::map<std::string, std::string> out;
  for (auto& name : names) {
    zip_stat_t st;
    if (zip_stat(za, name.c_str(), 0, &st) != 0) continue;
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > max_bytes) {
      zip_close(za);
      throw std::runtime_error("zip entry too large: " + name);
    }
    std::string data(st.size, '\0');
    zip_file_t* f = zip_fopen(za, name.c_str(), 0);
    if (!f || zip_fread(f, data.data(), st.size) != (zip_int64_t)st.size) {
      if (f) zip_fclose(f);
      zip_close(za);
      throw std::runtime_error("zip entry unreadable: " + name);
    }
    zip_fclose(f);
    out[name] = std::move(data);
  }
  zip_close(za);
  return out;
}
}  // namespace xt::docs
