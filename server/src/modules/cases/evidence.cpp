#include "modules/cases/evidence.hpp"

#include <algorithm>
#include <filesystem>
#include <regex>

#include "core/files/pdf_check.hpp"
#include "core/files/store.hpp"
#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "modules/cases/repo.hpp"

namespace xt::cases {
using db::Query;

namespace {
const char* kCols = "SELECT id, case_id, seq, name, material_date, remark, file_sha256, file_size, pages, min_dpi, original_name, created_at FROM case_evidence";
Evidence from(const db::Row& r) {
  Evidence e;
  e.id = r.i64(0); e.case_id = r.i64(1); e.seq = (int)r.i64(2); e.name = r.str(3); e.material_date = r.str(4); e.remark = r.str(5);
  e.sha256 = r.str(6); e.size = r.i64(7); e.pages = (int)r.i64(8); e.min_dpi = (int)r.i64(9); e.original_name = r.str(10); e.created_at = r.i64(11);
  return e;
}

std::vector<Evidence> rows(db::Conn& c, long long case_id) {
  Query q(std::string(kCols) + " WHERE case_id = ");
  q << q.bind(case_id) << " ORDER BY seq, id";
  std::vector<Evidence> out;
  for (auto& r : c.rows(q)) out.push_back(from(r));
  return out;
}

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

void renumber(db::Conn& c, const std::vector<long long>& ids) {
  for (size_t i = 0; i < ids.size(); ++i) {
    Query u("UPDATE case_evidence SET seq = ");
    u << u.bind((long long)i + 1) << " WHERE id = " << u.bind(ids[i]);
    c.exec(u);
  }
}

void touch_case(db::Conn& c, long long case_id) {
  Query q("UPDATE cases SET updated_at = ");
  q << q.bind(db::now_ms()) << " WHERE id = " << q.bind(case_id);
  c.exec(q);
}
}  // namespace

std::vector<Evidence> evidence_of(db::Conn& c, long long case_id) { return rows(c, case_id); }

std::vector<Evidence> list_evidence(db::Conn& c, const access::Principal& p, long long case_id) {
  get_case(c, p, case_id);
  return rows(c, case_id);
}

Evidence add_evidence(db::Conn& c, const Caller& who, long long case_id, const std::string& temp, const EvidenceInput& in,
                      const std::string& store_root) {
  validate(in);
  static const std::regex bad_name(R"([/\\\x00]|\.\.)");
  if (std::regex_search(in.original_name, bad_name)) throw unprocessable("files.bad_name", "文件名不合法：" + in.original_name, "filename");
  {  // cheap refusals before the PDF is parsed
    auto k = editable_case(c, who.p, case_id);
    auto call = get_call(c, k.call_id);
    auto n = (int)rows(c, case_id).size();
    if (n >= call.rules.max_evidence)
      throw conflict("cases.too_many_evidence", "佐证材料不超过" + std::to_string(call.rules.max_evidence) + "份（已有" + std::to_string(n) + "份）");
  }
  auto report = files::check_pdf(temp);  // outside the transaction: parsing is slow
  if (!report.ok) throw unprocessable(report.code, report.message + (in.original_name.empty() ? "" : "：" + in.original_name), "file");
  auto size = (long long)std::filesystem::file_size(temp);
  auto sha = files::sha256_file(temp);  // before the write lock is taken
  db::Tx tx(c, true);
  auto k = editable_case(c, who.p, case_id);
  auto call = get_call(c, k.call_id);
  auto existing = rows(c, case_id);
  if ((int)existing.size() >= call.rules.max_evidence)
    throw conflict("cases.too_many_evidence", "佐证材料不超过" + std::to_string(call.rules.max_evidence) + "份（已有" + std::to_string(existing.size()) + "份）");
  files::Store store(store_root);
  Query q("INSERT INTO case_evidence (case_id, seq, name, material_date, remark, file_sha256, file_size, pages, min_dpi, original_name, creator_id, created_at) VALUES (");
  q << q.bind(case_id) << ", " << q.bind((long long)existing.size() + 1) << ", " << q.bind(in.name) << ", " << q.bind(in.material_date) << ", "
    << q.bind(in.remark) << ", " << q.bind(sha) << ", " << q.bind(size) << ", " << q.bind((long long)report.pages) << ", "
    << q.bind((long long)report.min_dpi) << ", " << q.bind(in.original_name) << ", " << q.bind(who.p.user_id) << ", " << q.bind(db::now_ms()) << ") RETURNING id";
  long long id = c.scalar(q);
  touch_case(c, case_id);
  audit::Event e{"cases:evidence:add", "case", std::to_string(case_id)};
  audit::change(e, "evidence", nullptr, in.name + "（" + std::to_string(report.pages) + "页）");
  audit::record(c, who.actor, e);
  tx.commit();
  store.put(temp, sha);  // only after the commit; the row's content is addressed by its hash
  Query r(std::string(kCols) + " WHERE id = ");
  r << r.bind(id);
  return from(*c.row(r));
}

Evidence get_evidence(db::Conn& c, const access::Principal& p, long long id) {
  Query q(std::string(kCols) + " WHERE id = ");
  q << q.bind(id);
  auto r = c.row(q);
  if (!r) throw not_found("cases.evidence_not_found", "佐证材料不存在");
  auto e = from(*r);
  get_case(c, p, e.case_id);
  return e;
}

Evidence update_evidence(db::Conn& c, const Caller& who, long long id, const EvidenceInput& in) {
  validate(in);
  db::Tx tx(c, true);
  auto e = get_evidence(c, who.p, id);
  editable_case(c, who.p, e.case_id);
  Query u("UPDATE case_evidence SET name = ");
  u << u.bind(in.name) << ", material_date = " << u.bind(in.material_date) << ", remark = " << u.bind(in.remark) << " WHERE id = " << u.bind(id);
  c.exec(u);
  touch_case(c, e.case_id);
  audit::Event ev{"cases:evidence:update", "case", std::to_string(e.case_id)};
  audit::change(ev, "name", e.name, in.name);
  audit::change(ev, "material_date", e.material_date, in.material_date);
  audit::change(ev, "remark", e.remark, in.remark);
  audit::record(c, who.actor, ev);
  tx.commit();
  return get_evidence(c, who.p, id);
}

void delete_evidence(db::Conn& c, const Caller& who, long long id) {
  db::Tx tx(c, true);
  auto e = get_evidence(c, who.p, id);
  editable_case(c, who.p, e.case_id);
  Query d("DELETE FROM case_evidence WHERE id = ");
  d << d.bind(id);
  c.exec(d);
  std::vector<long long> ids;
  for (auto& x : rows(c, e.case_id)) ids.push_back(x.id);
  renumber(c, ids);
  touch_case(c, e.case_id);
  audit::Event ev{"cases:evidence:delete", "case", std::to_string(e.case_id)};
  audit::change(ev, "evidence", e.name, nullptr);
  audit::record(c, who.actor, ev);
  tx.commit();
}

void order_evidence(db::Conn& c, const Caller& who, long long case_id, const std::vector<long long>& ids) {
  db::Tx tx(c, true);
  editable_case(c, who.p, case_id);
  std::vector<long long> have;
  for (auto& x : rows(c, case_id)) have.push_back(x.id);
  auto a = have, b = ids;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b) throw unprocessable("cases.order_mismatch", "排序须恰好包含本案例的全部佐证材料（共" + std::to_string(have.size()) + "份）", "ids");
  renumber(c, ids);
  touch_case(c, case_id);
  audit::Event ev{"cases:evidence:order", "case", std::to_string(case_id)};
  boost::json::array order;
  for (auto id : ids) order.push_back(id);
  ev.detail["order"] = order;
  audit::record(c, who.actor, ev);
  tx.commit();
}
}  // namespace xt::cases
