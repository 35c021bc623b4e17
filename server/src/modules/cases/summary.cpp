#include "modules/cases/summary.hpp"

#include <ctime>

#include "modules/cases/json.hpp"
#include "modules/cases/review_repo.hpp"

namespace xt::cases {
namespace bj = boost::json;

std::string status_label(const std::string& s) {
  if (s == "draft") return "草稿";
  if (s == "submitted") return "待初评";
  if (s == "returned") return "已退回";
  if (s == "rejected") return "不予推荐";
  if (s == "recommended") return "已推荐";
  if (s == "sent") return "已报送市局";
  return s;
}

std::string beijing_minutes(long long ms) {
  std::time_t t = ms / 1000 + 8 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

std::vector<std::vector<std::string>> package_table(const Package& p) {
  std::vector<std::vector<std::string>> rows;
  for (auto& r : p.rows) rows.push_back({std::to_string(r.rank), r.unit, r.title, r.phone, r.remark});
  rows.push_back({"", "", "", "", ""});
  rows.push_back({"", "联系人：" + p.contact_name, "", "联系电话：" + p.contact_phone, p.sent_at ? "报送于 " + beijing_minutes(*p.sent_at) : "尚未报送"});
  return rows;
}

docs::Document package_document(const Call& call, const Package& p) {
  using docs::Kind;
  docs::Document d;
  d.title = p.review_unit_name + "典型案例推荐汇总表";
  d.blocks.push_back({Kind::Title, d.title});
  d.blocks.push_back({Kind::Plain, "征集活动：" + call.title});
  docs::Table t{{"序号", "单位", "案例名称", "联系电话", "备注"}, {9, 24, 31, 25, 11}, {}};
  for (auto& r : p.rows) t.rows.push_back({std::to_string(r.rank), r.unit, r.title, r.phone, r.remark});
  d.blocks.push_back({Kind::Table, "", t});
  d.blocks.push_back({Kind::Plain, "联系人：" + p.contact_name + "　联系电话：" + p.contact_phone});
  return d;
}

std::vector<std::vector<std::string>> city_summary(db::Conn& c, long long call_id) {
  get_call(c, call_id);
  std::vector<std::vector<std::string>> rows;
  for (auto& s : review_repo::submitted_cases(c, call_id)) {
    auto content = content_from(bj::parse(s.content_json));
    std::string topics;
    for (auto& t : content.topics) topics += (topics.empty() ? "" : "、") + t;
    rows.push_back({s.review_unit, s.rank ? std::to_string(*s.rank) : "", s.unit, s.title, content.form, topics, status_label(s.status),
                    content.contact_name, content.contact_phone, s.submitted_at ? beijing_minutes(*s.submitted_at) : ""});
  }
  return rows;
}
}  // namespace xt::cases
