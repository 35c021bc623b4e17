#include "modules/alliance/measures.hpp"

#include <boost/json.hpp>

#include "core/audit/audit.hpp"
#include "core/http/errors.hpp"

namespace xt::alliance {
namespace bj = boost::json;
using db::Query;

namespace {
constexpr const char* kColumns = "id, code, linkage, title, body, departments, status, source, updated_at";

Measure from_row(const db::Row& r) {
  Measure m;
  m.id = r.i64(0);
  m.code = (int)r.i64(1);
  m.linkage = r.str(2);
  m.title = r.str(3);
  m.body = r.str(4);
  boost::system::error_code ec;
  auto v = bj::parse(r.str(5), ec);
  if (!ec && v.is_array())
    for (auto& d : v.as_array())
      if (d.is_string()) m.departments.emplace_back(d.as_string());
  m.status = r.str(6);
  m.source = r.str(7);
  m.updated_at = r.i64(8);
  return m;
}

std::string departments_json(const std::vector<std::string>& d) {
  bj::array a;
  for (auto& x : d) a.emplace_back(x);
  return bj::serialize(a);
}

void check(db::Conn& c, const MeasureInput& in, long long except_id) {
  if (in.code < 1 || in.code > 999) throw unprocessable("request.out_of_range", "举措编号应为 1–999", "code");
  Query l("SELECT COUNT(*) FROM alliance_linkages WHERE key = ");
  l << l.bind(in.linkage);
  if (c.scalar(l) == 0) throw unprocessable("alliance.unknown_linkage", "没有这个联动类别：" + in.linkage, "linkage");
  Query dup("SELECT COUNT(*) FROM alliance_measures WHERE code = ");
  dup << dup.bind(in.code) << " AND id <> " << dup.bind(except_id);
  if (c.scalar(dup) > 0) throw unprocessable("alliance.measure_code_taken", "举措编号 " + std::to_string(in.code) + " 已被使用", "code");
  if (in.status != "active" && in.status != "retired")
    throw unprocessable("request.bad_value", "状态只能是 active（实施中）或 retired（已停用）", "status");
  for (auto& d : in.departments)
    if (d.empty()) throw unprocessable("request.required", "责任单位不能为空", "departments");
}

audit::Event event_of(const char* action, long long id) { return audit::Event{action, "alliance_measure", std::to_string(id)}; }
}  // namespace

std::vector<Linkage> linkages(db::Conn& c) {
  std::vector<Linkage> out;
  for (auto& r : c.rows(Query("SELECT key, name, sort FROM alliance_linkages ORDER BY sort, key")))
    out.push_back({r.str(0), r.str(1), (int)r.i64(2)});
  return out;
}

std::vector<Measure> measures(db::Conn& c, bool include_retired) {
  Query q("SELECT m.");
  q << "id, m.code, m.linkage, m.title, m.body, m.departments, m.status, m.source, m.updated_at "
       "FROM alliance_measures m JOIN alliance_linkages l ON l.key = m.linkage";
  if (!include_retired) q << " WHERE m.status = 'active'";
  q << " ORDER BY l.sort, m.code";
  std::vector<Measure> out;
  for (auto& r : c.rows(q)) out.push_back(from_row(r));
  return out;
}

std::optional<Measure> find_measure(db::Conn& c, long long id) {
  Query q("SELECT ");
  q << kColumns << " FROM alliance_measures WHERE id = " << q.bind(id);
  if (auto r = c.row(q)) return from_row(*r);
  return std::nullopt;
}

std::map<std::string, std::string> measure_names(db::Conn& c, const std::vector<long long>& ids) {
  std::map<std::string, std::string> out;
  Query q("SELECT id, code, title FROM alliance_measures WHERE id IN (");
  q << q.bind_list(ids) << ")";
  for (auto& r : c.rows(q)) out[std::to_string(r.i64(0))] = "举措" + std::to_string(r.i64(1)) + "：" + r.str(2);
  return out;
}

Measure create_measure(db::Conn& c, const app::Caller& who, const MeasureInput& in) {
  db::Tx tx(c, true);
  check(c, in, 0);
  Query q("INSERT INTO alliance_measures (code, linkage, title, body, departments, status, source, updated_at) VALUES (");
  q << q.bind(in.code) << ", " << q.bind(in.linkage) << ", " << q.bind(in.title) << ", " << q.bind(in.body) << ", "
    << q.bind(departments_json(in.departments)) << ", " << q.bind(in.status) << ", " << q.bind(in.source) << ", " << q.bind(db::now_ms())
    << ") RETURNING id";
  long long id = c.scalar(q);
  auto ev = event_of("alliance:measure:update", id);
  ev.detail["created"] = bj::object{{"code", in.code}, {"title", in.title}, {"linkage", in.linkage}};
  audit::record(c, who.actor, ev);
  tx.commit();
  return *find_measure(c, id);
}

Measure update_measure(db::Conn& c, const app::Caller& who, long long id, const MeasureInput& in) {
  db::Tx tx(c, true);
  auto before = find_measure(c, id);
  if (!before) throw not_found("alliance.measure_not_found", "没有这项举措");
  check(c, in, id);
  Query q("UPDATE alliance_measures SET code = ");
  q << q.bind(in.code) << ", linkage = " << q.bind(in.linkage) << ", title = " << q.bind(in.title) << ", body = " << q.bind(in.body)
    << ", departments = " << q.bind(departments_json(in.departments)) << ", status = " << q.bind(in.status)
    << ", source = " << q.bind(in.source) << ", updated_at = " << q.bind(db::now_ms()) << " WHERE id = " << q.bind(id);
  c.exec(q);
  auto ev = event_of("alliance:measure:update", id);
  audit::change(ev, "code", bj::value(before->code), bj::value(in.code));
  audit::change(ev, "linkage", before->linkage, in.linkage);
  audit::change(ev, "title", before->title, in.title);
  audit::change(ev, "body", before->body, in.body);
  audit::change(ev, "departments", bj::value(departments_json(before->departments)), bj::value(departments_json(in.departments)));
  audit::change(ev, "status", before->status, in.status);
  audit::change(ev, "source", before->source, in.source);
  audit::record(c, who.actor, ev);
  tx.commit();
  return *find_measure(c, id);
}
}  // namespace xt::alliance
