#include "modules/cases/stamp.hpp"

#include <filesystem>
#include <fstream>
#include <regex>

#include "core/files/image_check.hpp"
#include "core/files/names.hpp"
#include "core/files/pdf_check.hpp"
#include "core/files/store.hpp"
#include "core/json/json.hpp"
#include "modules/cases/files_repo.hpp"
#include "modules/cases/repo.hpp"

namespace xt::cases {

namespace {
// PDF, JPEG or PNG, checked by content; the type is what the content is, not the file name.
std::string checked_type(const std::string& temp, const std::string& name) {
  std::ifstream in(temp, std::ios::binary);
  char head[5] = {};
  in.read(head, 5);
  if (std::string(head, 5) == "%PDF-") {
    auto r = files::check_pdf(temp);
    if (!r.ok) throw unprocessable(r.code, (name.empty() ? "" : name + "：") + r.message, "file");
    return "application/pdf";
  }
  auto img = files::check_image(temp);
  if (!img.ok) {
    auto msg = img.code == "files.not_image" ? std::string("盖章扫描件应为 PDF、JPEG 或 PNG 文件") : img.message;
    throw unprocessable(img.code, msg + (name.empty() ? "" : "：" + name), "file");
  }
  return img.type;
}

bool may_review_for(db::Conn& c, const access::Principal& p) {
  if (!repo::is_review_unit(c, p.unit_id)) return false;
  access::DbUnitTree tree(c);
  return access::authorize(p, "cases:case:review", access::Record{p.unit_id, 0, 0, "case_package"}, tree);
}
}  // namespace

Package set_stamp(db::Conn& c, const Caller& who, long long call_id, const std::string& temp, const std::string& name,
                  const std::string& store_root) {
  files::check_name(name);
  get_call(c, call_id);
  require_not_sent(c, call_id, who.p.unit_id);
  if (!may_review_for(c, who.p)) throw forbidden("cases.not_reviewer", "只有负责初评的单位可以上传盖章扫描件");
  auto type = checked_type(temp, name);  // outside the transaction: parsing is slow
  auto size = (long long)std::filesystem::file_size(temp);
  auto sha = files::sha256_file(temp);
  files::Store store(store_root);
  db::Tx tx(c, true);
  require_not_sent(c, call_id, who.p.unit_id);
  long long now = db::now_ms();
  files_repo::upsert_stamp(c, call_id, who.p.unit_id, sha, type, name.empty() ? std::string("盖章扫描件") : name, size, now);
  audit::Event e{"cases:package:stamp", "case_package", std::to_string(call_id)};
  audit::change(e, "stamp", nullptr, name + "（" + type + "，" + std::to_string(size) + "字节）");
  audit::record(c, who.actor, e);
  tx.commit();
  store.put(temp, sha);
  return get_package(c, who.p, call_id);
}

StampFile get_stamp(db::Conn& c, const access::Principal& p, long long call_id, long long unit) {
  bool own = unit == p.unit_id && may_review_for(c, p);
  if (!own && !p.can("cases:call:update")) throw not_found("cases.stamp_not_found", "盖章扫描件不存在");
  auto s = files_repo::find_stamp(c, call_id, unit);
  if (!s) throw not_found("cases.stamp_not_found", "盖章扫描件不存在");
  return *s;
}
}  // namespace xt::cases
