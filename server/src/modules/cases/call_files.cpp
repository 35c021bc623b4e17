#include "modules/cases/call_files.hpp"

#include <filesystem>
#include <regex>

#include "core/files/names.hpp"
#include "core/files/office_check.hpp"
#include "core/files/pdf_check.hpp"
#include "core/files/store.hpp"
#include "core/json/json.hpp"
#include "modules/cases/files_repo.hpp"

namespace xt::cases {

namespace {
constexpr int kMaxFiles = 20;

std::string lower_ext(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string e = name.substr(dot + 1);
  for (auto& ch : e) ch = (char)std::tolower((unsigned char)ch);
  return e;
}

std::string checked_type(const std::string& temp, const std::string& name) {
  auto ext = lower_ext(name);
  if (ext == "pdf") {
    auto r = files::check_pdf(temp);
    if (!r.ok) throw unprocessable(r.code, name + "：" + r.message, "file");
    return "application/pdf";
  }
  auto r = files::check_office(temp, ext);
  if (!r.ok) throw unprocessable(r.code, r.message + "：" + name, "file");
  return r.type;
}
}  // namespace

std::vector<CallFile> list_call_files(db::Conn& c, long long call_id) {
  get_call(c, call_id);
  return files_repo::call_files_of(c, call_id);
}

std::vector<CallFile> visible_call_files(db::Conn& c, const access::Principal& p, long long call_id) {
  visible_call(c, p, call_id);
  return files_repo::call_files_of(c, call_id);
}

CallFile visible_call_file(db::Conn& c, const access::Principal& p, long long id) {
  auto f = get_call_file(c, id);
  try {
    visible_call(c, p, f.call_id);
  } catch (const ApiError&) {
    throw not_found("cases.call_file_not_found", "附件不存在");
  }
  return f;
}

CallFile add_call_file(db::Conn& c, const Caller& who, long long call_id, const std::string& temp, const std::string& name,
                       const std::string& store_root) {
  if (name.empty()) throw unprocessable("request.required", "请给出文件名（含扩展名）", "filename");
  files::check_name(name);
  if ((int)list_call_files(c, call_id).size() >= kMaxFiles)
    throw conflict("cases.too_many_call_files", "每个征集活动最多" + std::to_string(kMaxFiles) + "个附件");
  auto type = checked_type(temp, name);
  auto size = (long long)std::filesystem::file_size(temp);
  auto sha = files::sha256_file(temp);
  files::Store store(store_root);
  db::Tx tx(c, true);
  auto existing = list_call_files(c, call_id);
  if ((int)existing.size() >= kMaxFiles)
    throw conflict("cases.too_many_call_files", "每个征集活动最多" + std::to_string(kMaxFiles) + "个附件");
  CallFile row;
  row.call_id = call_id, row.seq = (int)existing.size() + 1, row.name = name, row.content_type = type, row.sha256 = sha, row.size = size;
  long long id = files_repo::insert_call_file(c, row, who.p.user_id);
  audit::Event e{"cases:call:update", "case_call", std::to_string(call_id)};
  audit::change(e, "attachment", nullptr, name);
  audit::record(c, who.actor, e);
  tx.commit();
  store.put(temp, sha);
  return get_call_file(c, id);
}

CallFile get_call_file(db::Conn& c, long long id) {
  auto f = files_repo::find_call_file(c, id);
  if (!f) throw not_found("cases.call_file_not_found", "附件不存在");
  return *f;
}

void delete_call_file(db::Conn& c, const Caller& who, long long id) {
  db::Tx tx(c, true);
  auto f = get_call_file(c, id);
  files_repo::delete_call_file(c, f);
  audit::Event e{"cases:call:update", "case_call", std::to_string(f.call_id)};
  audit::change(e, "attachment", f.name, nullptr);
  audit::record(c, who.actor, e);
  tx.commit();
}
}  // namespace xt::cases
