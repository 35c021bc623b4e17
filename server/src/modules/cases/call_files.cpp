#include "modules/cases/call_files.hpp"

#include <filesystem>
#include <regex>

#include "core/files/office_check.hpp"
#include "core/files/pdf_check.hpp"
#include "core/files/store.hpp"
#include "core/json/json.hpp"

namespace xt::cases {
using db::Query;

namespace {
constexpr int kMaxFiles = 20;
const char* kCols = "SELECT id, call_id, seq, name, content_type, file_sha256, file_size, created_at FROM case_call_files";
CallFile from(const db::Row& r) {
  return {r.i64(0), r.i64(1), r.i64(6), r.i64(7), (int)r.i64(2), r.str(3), r.str(4), r.str(5)};
}

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
    if (!r.ok) throw unprocessable(r.code, r.message + "：" + name, "file");
    return "application/pdf";
  }
  auto r = files::check_office(temp, ext);
  if (!r.ok) throw unprocessable(r.code, r.message + "：" + name, "file");
  return r.type;
}
}  // namespace

std::vector<CallFile> list_call_files(db::Conn& c, long long call_id) {
  get_call(c, call_id);
  Query q(std::string(kCols) + " WHERE call_id = ");
  q << q.bind(call_id) << " ORDER BY seq, id";
  std::vector<CallFile> out;
  for (auto& r : c.rows(q)) out.push_back(from(r));
  return out;
}

CallFile add_call_file(db::Conn& c, const Caller& who, long long call_id, const std::string& temp, const std::string& name,
                       const std::string& store_root) {
  static const std::regex bad_name(R"([/\\\x00]|\.\.)");
  if (name.empty()) throw unprocessable("request.required", "请给出文件名（含扩展名）", "filename");
  if (std::regex_search(name, bad_name)) throw unprocessable("files.bad_name", "文件名不合法：" + name, "filename");
  if (json::char_count(name) > 100) throw unprocessable("request.too_long", "文件名不超过100字", "filename");
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
  Query q("INSERT INTO case_call_files (call_id, seq, name, content_type, file_sha256, file_size, creator_id, created_at) VALUES (");
  q << q.bind(call_id) << ", " << q.bind((long long)existing.size() + 1) << ", " << q.bind(name) << ", " << q.bind(type) << ", "
    << q.bind(sha) << ", " << q.bind(size) << ", " << q.bind(who.p.user_id) << ", " << q.bind(db::now_ms()) << ") RETURNING id";
  long long id = c.scalar(q);
  audit::Event e{"cases:call:update", "case_call", std::to_string(call_id)};
  audit::change(e, "attachment", nullptr, name);
  audit::record(c, who.actor, e);
  tx.commit();
  store.put(temp, sha);
  return get_call_file(c, id);
}

CallFile get_call_file(db::Conn& c, long long id) {
  Query q(std::string(kCols) + " WHERE id = ");
  q << q.bind(id);
  auto r = c.row(q);
  if (!r) throw not_found("cases.call_file_not_found", "附件不存在");
  return from(*r);
}

void delete_call_file(db::Conn& c, const Caller& who, long long id) {
  db::Tx tx(c, true);
  auto f = get_call_file(c, id);
  Query d("DELETE FROM case_call_files WHERE id = ");
  d << d.bind(id);
  c.exec(d);
  Query rest("SELECT id FROM case_call_files WHERE call_id = ");
  rest << rest.bind(f.call_id) << " ORDER BY seq, id";
  long long seq = 0;
  for (auto& r : c.rows(rest)) {
    Query u("UPDATE case_call_files SET seq = ");
    u << u.bind(++seq) << " WHERE id = " << u.bind(r.i64(0));
    c.exec(u);
  }
  audit::Event e{"cases:call:update", "case_call", std::to_string(f.call_id)};
  audit::change(e, "attachment", f.name, nullptr);
  audit::record(c, who.actor, e);
  tx.commit();
}
}  // namespace xt::cases
