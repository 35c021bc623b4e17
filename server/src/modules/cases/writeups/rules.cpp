#include "modules/cases/writeups/rules.hpp"

#include <algorithm>

#include "core/text/phone.hpp"
#include "core/text/zishu.hpp"
#include "core/time/time.hpp"

namespace xt::cases {

bool practice_long_enough(const std::string& start, const std::string& deadline, int months) {
  auto s = time::parse_date(start), e = time::parse_date(deadline);
  if (!s || !e) return false;
  int sm = s->y * 12 + (s->m - 1) + months;
  int em = e->y * 12 + (e->m - 1);
  if (sm != em) return sm < em;
  return s->d <= e->d;
}

Counts count(const Rules& r, const Content& c) {
  Counts out;
  for (auto& sec : r.sections) {
    size_t n = 0;
    for (auto& [k, v] : c.sections)
      if (k == sec.key) n = text::zishu(v);
    out.sections.emplace_back(sec.key, n);
    out.total += n;
  }
  return out;
}

std::vector<ApiError> check_submission(const Call& call, const Case& k, const SubmissionFacts& f) {
  std::vector<ApiError> p;
  const auto& r = call.rules;
  auto& ct = k.content;
  long long closes = call.closes_at();
  if (f.now > closes) p.push_back(conflict("cases.deadline_passed", "报送已截止（截止时间 " + time::beijing_time(closes) + "）"));
  if (call.status != "open") p.push_back(conflict("cases.call_closed", "该征集活动未开放报送"));
  if (f.unit_type && std::find(r.unit_types.begin(), r.unit_types.end(), *f.unit_type) == r.unit_types.end())
    p.push_back(unprocessable("cases.unit_type_not_allowed", "本次征集不接受该类型单位报送"));
  if (ct.partners.empty()) p.push_back(unprocessable("cases.partner_required", "至少填写一个合作单位", "content.partners"));
  if (!r.forms.empty() && std::find(r.forms.begin(), r.forms.end(), ct.form) == r.forms.end())
    p.push_back(unprocessable("cases.form_invalid", "请选择本次征集列出的协同形式", "content.form"));
  for (auto& t : ct.topics)
    if (std::find(r.topics.begin(), r.topics.end(), t) == r.topics.end())
      p.push_back(unprocessable("cases.topic_invalid", "聚焦主题不在本次征集列出的范围内：" + t, "content.topics"));
  if (!time::parse_date(ct.practice_start))
    p.push_back(unprocessable("cases.practice_start_required", "请填写实践开始日期（YYYY-MM-DD）", "content.practice_start"));
  else if (!practice_long_enough(ct.practice_start, call.deadline_date, r.min_practice_months))
    p.push_back(unprocessable("cases.practice_too_short", "项目须经过" + std::to_string(r.min_practice_months) + "个月以上的连续实践：开始于 " +
                                                              ct.practice_start + "，距截止日 " + call.deadline_date + " 不足" +
                                                              std::to_string(r.min_practice_months) + "个月", "content.practice_start"));
  if (!ct.still_running) p.push_back(unprocessable("cases.not_running", "须确认项目目前仍在继续实施", "content.still_running"));
  if (ct.contact_name.empty()) p.push_back(unprocessable("request.required", "请填写联系人", "content.contact_name"));
  if (ct.contact_phone.empty()) p.push_back(unprocessable("request.required", "请填写联系电话", "content.contact_phone"));
  else if (!text::looks_like_phone(ct.contact_phone))
    p.push_back(unprocessable("cases.contact_phone_invalid", std::string("联系电话格式不正确：") + text::kPhoneHint, "content.contact_phone"));
  if (r.max_authors > 0 && (int)ct.authors.size() > r.max_authors)
    p.push_back(unprocessable("cases.too_many_authors", "作者不超过" + std::to_string(r.max_authors) + "人（当前" + std::to_string(ct.authors.size()) + "人）", "content.authors"));
  auto counts = count(r, ct);
  for (size_t i = 0; i < r.sections.size(); ++i) {
    auto& sec = r.sections[i];
    auto n = counts.sections[i].second;
    auto field = "content.sections." + sec.key;
    if (sec.required && n == 0) p.push_back(unprocessable("cases.section_required", "请填写“" + sec.heading + "”", field));
    if (sec.max > 0 && (int)n > sec.max)
      p.push_back(unprocessable("cases.section_too_long", sec.heading + "不超过" + std::to_string(sec.max) + "字（当前" + std::to_string(n) + "字）", field));
  }
  if ((int)counts.total > r.max_total)
    p.push_back(unprocessable("cases.too_long", "全文不超过" + std::to_string(r.max_total) + "字（当前" + std::to_string(counts.total) + "字）", "content.sections"));
  if ((int)counts.total < r.min_total)
    p.push_back(unprocessable("cases.too_short", "全文不少于" + std::to_string(r.min_total) + "字（当前" + std::to_string(counts.total) + "字）", "content.sections"));
  if (f.city_affiliated_school) {
    if (f.quota_used >= r.quota_school)
      p.push_back(conflict("cases.quota_school", "每所局属学校最多报送" + std::to_string(r.quota_school) + "个案例（已报送" + std::to_string(f.quota_used) + "个）"));
  } else if (f.quota_used >= r.quota_district) {
    p.push_back(conflict("cases.quota_district", "每个区县（含所属学校）最多报送" + std::to_string(r.quota_district) + "个案例（已报送" + std::to_string(f.quota_used) + "个）"));
  }
  return p;
}
}  // namespace xt::cases
