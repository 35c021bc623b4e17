#include "modules/cases/calls/files.hpp"

#include "core/files/intake.hpp"
#include "core/files/names.hpp"
#include "core/files/retention.hpp"
#include "core/json/json.hpp"
#include "modules/cases/calls/files_repo.hpp"

namespace xt::cases {

namespace {
constexpr int kMaxFiles = 20;

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
                       files::Store& uploads) {
  if (name.empty()) throw unprocessable("request.required", "请给出文件名（含扩展名）", "filename");
  files::check_name(name);
  if ((int)list_call_files(c, call_id).size() >= kMaxFiles)
    throw conflict("cases.too_many_call_files", "每个征集活动最多" + std::to_string(kMaxFiles) + "个附件");
  files::Intake file(uploads, temp, {files::Accept::PdfOrOffice, name, true});
  file.stage(c);
  db::Tx tx(c, true);
  auto existing = list_call_files(c, call_id);
  if ((int)existing.size() >= kMaxFiles)
    throw conflict("cases.too_many_call_files", "每个征集活动最多" + std::to_string(kMaxFiles) + "个附件");
  CallFile row;
  row.call_id = call_id, row.seq = (int)existing.size() + 1, row.name = name, row.content_type = file.content_type(), row.sha256 = file.sha256(), row.size = file.size();
  long long id = files_repo::insert_call_file(c, row, who.p.user_id);
  audit::Event e{"cases:call:update", "case_call", std::to_string(call_id)};
  audit::change(e, "attachment", nullptr, name);
  audit::record(c, who.actor, e);
  tx.commit();
  file.committed();
  return get_call_file(c, id);
}

CallFile get_call_file(db::Conn& c, long long id) {
  auto f = files_repo::find_call_file(c, id);
  if (!f) throw not_found("cases.call_file_not_found", "附件不存在");
  return *f;
}

void delete_call_file(db::Conn& c, const Caller& who, long long id, files::Store& uploads) {
  db::Tx tx(c, true);
  auto f = get_call_file(c, id);
  files_repo::delete_call_file(c, f);
  audit::Event e{"cases:call:update", "case_call", std::to_string(f.call_id)};
  audit::change(e, "attachment", f.name, nullptr);
  audit::record(c, who.actor, e);
  tx.commit();
  files::release(c, uploads, f.sha256);
}
}  // namespace xt::cases
