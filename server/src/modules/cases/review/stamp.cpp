#include "modules/cases/review/stamp.hpp"

#include "core/files/intake.hpp"
#include "core/files/names.hpp"
#include "core/files/retention.hpp"
#include "core/json/json.hpp"
#include "modules/cases/review/stamp_repo.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/org/facts.hpp"

namespace xt::cases {

namespace {
bool may_review_for(db::Conn& c, const access::Principal& p) {
  if (!org::facts::reviews(c, p.unit_id)) return false;
  access::DbUnitTree tree(c);
  access::Record package{p.unit_id, 0, 0, "case_package"};
  package.units["review_unit"] = p.unit_id;  // a package is its reviewing unit's own
  return access::authorize(p, "cases:case:review", package, tree);
}
}  // namespace

Package set_stamp(db::Conn& c, const Caller& who, long long call_id, const std::string& temp, const std::string& name,
                  files::Store& uploads) {
  files::check_name(name);
  get_call(c, call_id);
  require_not_sent(c, call_id, who.p.unit_id);
  if (!may_review_for(c, who.p)) throw forbidden("cases.not_reviewer", "只有负责初评的单位可以上传盖章扫描件");
  // Checked outside the transaction: parsing is slow.
  files::Intake file(uploads, temp, {files::Accept::PdfOrImage, name, false, "盖章扫描件"});
  file.stage(c);
  db::Tx tx(c, true);
  require_not_sent(c, call_id, who.p.unit_id);
  auto before = files_repo::find_stamp(c, call_id, who.p.unit_id);
  long long now = db::now_ms();
  files_repo::upsert_stamp(c, call_id, who.p.unit_id, file.sha256(), file.content_type(), name.empty() ? std::string("盖章扫描件") : name,
                           file.size(), now);
  audit::Event e{"cases:package:stamp", "case_package", std::to_string(call_id)};
  audit::change(e, "stamp", nullptr, name + "（" + file.content_type() + "，" + std::to_string(file.size()) + "字节）");
  audit::record(c, who.actor, e);
  tx.commit();
  file.committed();
  if (before && before->sha256 != file.sha256()) files::release(c, uploads, before->sha256);  // the replaced scan goes
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
