#include "modules/cases/writeups/evidence.hpp"

#include <algorithm>
#include <regex>

#include "core/files/intake.hpp"
#include "core/files/retention.hpp"
#include "core/files/names.hpp"
#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "modules/cases/writeups/evidence_repo.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/repo.hpp"

namespace xt::cases {

namespace {
// Only the lead unit edits evidence, and only while the case is a draft or returned.
Case editable_case(db::Conn& c, const access::Principal& p, long long case_id) {
  auto k = get_case(c, p, case_id);
  access::DbUnitTree tree(c);
  if (k.owner_unit_id != p.unit_id || !access::authorize(p, "cases:case:update", access::Record{k.owner_unit_id, k.creator_id, k.id, "case"}, tree))
    throw forbidden("cases.not_owner", "只有案例的牵头单位可以修改佐证材料");
  if (k.status != "draft" && k.status != "returned") throw conflict("cases.not_editable", "案例已报送，不能修改佐证材料");
  return k;
}

void validate(const EvidenceInput& in) {
  if (in.name.empty()) throw unprocessable("request.required", "请填写材料名称", "name");
  if (json::char_count(in.name) > 100) throw unprocessable("request.too_long", "材料名称不超过100字", "name");
  if (json::char_count(in.remark) > 200) throw unprocessable("request.too_long", "备注不超过200字", "remark");
  static const std::regex date_re("^(\\d{4}(-\\d{2}(-\\d{2})?)?)?$");
  if (!std::regex_match(in.material_date, date_re)) throw unprocessable("cases.bad_date", "时间格式应为 YYYY、YYYY-MM 或 YYYY-MM-DD", "material_date");
}

}  // namespace

std::vector<Evidence> evidence_of(db::Conn& c, long long case_id) { return files_repo::evidence_of_case(c, case_id); }

std::vector<Evidence> list_evidence(db::Conn& c, const access::Principal& p, long long case_id) {
  get_case(c, p, case_id);
  return files_repo::evidence_of_case(c, case_id);
}

Evidence add_evidence(db::Conn& c, const Caller& who, long long case_id, const std::string& temp, const EvidenceInput& in,
                      files::Store& uploads) {
  validate(in);
  files::check_name(in.original_name);
  {  // cheap refusals before the PDF is parsed
    auto k = editable_case(c, who.p, case_id);
    auto call = get_call(c, k.call_id);
    auto n = (int)files_repo::evidence_of_case(c, case_id).size();
    if (n >= call.rules.max_evidence)
      throw conflict("cases.too_many_evidence", "佐证材料不超过" + std::to_string(call.rules.max_evidence) + "份（已有" + std::to_string(n) + "份）");
  }
  files::Intake file(uploads, temp, {files::Accept::Pdf, in.original_name});  // outside the transaction: parsing is slow
  file.stage(c);
  db::Tx tx(c, true);
  auto k = editable_case(c, who.p, case_id);
  auto call = get_call(c, k.call_id);
  auto existing = files_repo::evidence_of_case(c, case_id);
  if ((int)existing.size() >= call.rules.max_evidence)
    throw conflict("cases.too_many_evidence", "佐证材料不超过" + std::to_string(call.rules.max_evidence) + "份（已有" + std::to_string(existing.size()) + "份）");
  Evidence row;
  row.case_id = case_id;
  row.seq = (int)existing.size() + 1;
  row.name = in.name, row.material_date = in.material_date, row.remark = in.remark, row.original_name = in.original_name;
  row.sha256 = file.sha256(), row.size = file.size(), row.pages = file.pages(), row.min_dpi = file.min_dpi();
  long long id = files_repo::insert_evidence(c, row, who.p.user_id);
  files_repo::touch_case(c, case_id);
  audit::Event e{"cases:evidence:add", "case", std::to_string(case_id)};
  audit::change(e, "evidence", nullptr, in.name + "（" + std::to_string(file.pages()) + "页）");
  audit::record(c, who.actor, e);
  tx.commit();
  file.committed();
  return *files_repo::find_evidence(c, id);
}

Evidence get_evidence(db::Conn& c, const access::Principal& p, long long id) {
  auto e = files_repo::find_evidence(c, id);
  if (!e) throw not_found("cases.evidence_not_found", "佐证材料不存在");
  get_case(c, p, e->case_id);
  return *e;
}

Evidence update_evidence(db::Conn& c, const Caller& who, long long id, const EvidenceInput& in) {
  validate(in);
  db::Tx tx(c, true);
  auto e = get_evidence(c, who.p, id);
  editable_case(c, who.p, e.case_id);
  files_repo::update_evidence(c, id, in);
  files_repo::touch_case(c, e.case_id);
  audit::Event ev{"cases:evidence:update", "case", std::to_string(e.case_id)};
  audit::change(ev, "name", e.name, in.name);
  audit::change(ev, "material_date", e.material_date, in.material_date);
  audit::change(ev, "remark", e.remark, in.remark);
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_evidence(c, who.p, id);
}

Evidence set_evidence_public(db::Conn& c, const Caller& who, long long id, bool is_public) {
  db::Tx tx(c, true);
  auto e = get_evidence(c, who.p, id);
  auto k = get_case(c, who.p, e.case_id);
  if (k.owner_unit_id != who.p.unit_id || !who.p.can("cases:case:update"))
    throw forbidden("access.denied", "只有案例的牵头单位可以决定是否公开佐证材料");
  files_repo::set_public(c, id, is_public);
  audit::Event ev{"cases:evidence:public", "case", std::to_string(e.case_id)};
  ev.detail["evidence"] = e.name;
  audit::change(ev, "public", boost::json::value(e.is_public), boost::json::value(is_public));
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_evidence(c, who.p, id);
}

void delete_evidence(db::Conn& c, const Caller& who, long long id, files::Store& uploads) {
  db::Tx tx(c, true);
  auto e = get_evidence(c, who.p, id);
  editable_case(c, who.p, e.case_id);
  files_repo::delete_evidence(c, id);
  std::vector<long long> ids;
  for (auto& x : files_repo::evidence_of_case(c, e.case_id)) ids.push_back(x.id);
  files_repo::renumber_evidence(c, ids);
  files_repo::touch_case(c, e.case_id);
  audit::Event ev{"cases:evidence:delete", "case", std::to_string(e.case_id)};
  audit::change(ev, "evidence", e.name, nullptr);
  audit::record(c, who.actor, ev);
  tx.commit();
  files::release(c, uploads, e.sha256);  // the file goes unless another row still refers to it
}

void order_evidence(db::Conn& c, const Caller& who, long long case_id, const std::vector<long long>& ids) {
  db::Tx tx(c, true);
  editable_case(c, who.p, case_id);
  std::vector<long long> have;
  for (auto& x : files_repo::evidence_of_case(c, case_id)) have.push_back(x.id);
  auto a = have, b = ids;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b) throw unprocessable("cases.order_mismatch", "排序须恰好包含本案例的全部佐证材料（共" + std::to_string(have.size()) + "份）", "ids");
  files_repo::renumber_evidence(c, ids);
  files_repo::touch_case(c, case_id);
  audit::Event ev{"cases:evidence:order", "case", std::to_string(case_id)};
  boost::json::array order;
  for (auto id : ids) order.push_back(id);
  ev.detail["order"] = order;
  audit::record(c, who.actor, ev);
  tx.commit();
}
}  // namespace xt::cases
