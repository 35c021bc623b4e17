#include "modules/cases/review/summary.hpp"

#include <regex>


#include "core/export/xlsx.hpp"
#include "core/time/time.hpp"
#include "modules/cases/json.hpp"
#include "modules/cases/review/repo.hpp"

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


std::vector<std::vector<std::string>> package_table(const Package& p) {
  std::vector<std::vector<std::string>> rows;
  for (auto& r : p.rows) rows.push_back({std::to_string(r.rank), r.unit, r.title, r.phone, r.remark});
  return rows;
}

std::string summary_title(const Call& call) {
  // "2024年校家社协同育人典型案例征集（…）" → "校家社协同育人典型案例征集汇总表"
  static const std::regex year("^\\s*(\\d{4})年度?");
  auto t = std::regex_replace(call.title, year, "");
  if (auto paren = t.find("（"); paren != std::string::npos && paren > 0) t = t.substr(0, paren);
  if (t.empty()) t = "典型案例征集";
  auto ends_with = [&](const std::string& tail) { return t.size() >= tail.size() && t.compare(t.size() - tail.size(), tail.size(), tail) == 0; };
  return ends_with("汇总表") ? t : t + "汇总表";
}

std::string summary_stamp_line(const Package& p) {
  return "区（市）教体局（公章）：" + p.review_unit_name + "　　联系人：" + p.contact_name + "　　联系电话：" + p.contact_phone;
}

std::string package_xlsx(const std::string& tmp_dir, const Call& call, const Package& p) {
  return exporting::xlsx_table(tmp_dir, "汇总表", {{"序号", 8}, {"单位"}, {"案例名称"}, {"联系电话"}, {"备注"}}, package_table(p),
                               {{"附件3"}, {summary_title(call), true}, {summary_stamp_line(p)}});
}

docs::Document package_document(const Call& call, const Package& p) {
  using docs::Kind;
  docs::Document d;
  d.title = summary_title(call);
  d.blocks.push_back({Kind::Plain, "附件3"});
  d.blocks.push_back({Kind::Title, d.title});
  d.blocks.push_back({Kind::Plain, summary_stamp_line(p)});
  docs::Table t{{"序号", "单位", "案例名称", "联系电话", "备注"}, {9, 24, 31, 25, 11}, {}};
  for (auto& r : p.rows) t.rows.push_back({std::to_string(r.rank), r.unit, r.title, r.phone, r.remark});
  d.blocks.push_back({Kind::Table, "", t});
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
                    content.contact_name, content.contact_phone, s.submitted_at ? time::beijing_time(*s.submitted_at, false) : ""});
  }
  return rows;
}
}  // namespace xt::cases
