#include "modules/cases/json.hpp"

#include <cstdio>

#include "core/http/errors.hpp"

namespace xt::cases {
namespace bj = boost::json;

namespace {
bj::array strings(const std::vector<std::string>& v) {
  bj::array a;
  for (auto& s : v) a.push_back(bj::value(s));
  return a;
}
std::vector<std::string> strings_from(const bj::array& a, const std::string& field, const char* label, size_t max_len = 50) {
  std::vector<std::string> out;
  for (auto& e : a) {
    if (!e.is_string()) throw unprocessable("request.invalid_type", std::string(label) + "应为文本列表", field);
    std::string s(e.as_string());
    if (s.empty() || json::char_count(s) > max_len) throw unprocessable("request.too_long", std::string(label) + "每项1–" + std::to_string(max_len) + "字", field);
    out.push_back(s);
  }
  return out;
}
int bounded(json::Fields& f, const char* key, const char* label, int lo, int hi, int def) {
  auto v = f.opt_int(key, label);  // int64: 2^32 + 3 is out of range, not 3
  if (!v) return def;
  if (*v < lo || *v > hi) throw unprocessable("cases.rule_out_of_range", std::string(label) + "应在" + std::to_string(lo) + "–" + std::to_string(hi) + "之间", key);
  return (int)*v;
}
const std::vector<std::string>& allowed_fonts() {
  static const std::vector<std::string> f = {"方正小标宋_GBK", "方正小标宋简体", "黑体", "楷体_GB2312", "楷体", "仿宋_GB2312", "仿宋",
                                             "宋体", "微软雅黑"};
  return f;
}

bj::object style_json(const TextStyle& t) { return {{"font", t.font}, {"size_pt", t.size_pt}}; }

TextStyle style_from(json::Fields& parent, const char* key, const char* label, const TextStyle& def) {
  auto* raw = parent.raw(key);
  if (!raw) return def;
  json::Fields f(*raw, std::string("rules.format.") + key + ".");
  TextStyle t;
  t.font = f.req_string("font", (std::string(label) + "字体").c_str(), 30);
  bool known = false;
  for (auto& a : allowed_fonts()) known = known || a == t.font;
  if (!known) throw unprocessable("cases.font_unknown", std::string(label) + "字体不在可选范围内：" + t.font, std::string("rules.format.") + key);
  auto* sz = f.raw("size_pt");
  if (!sz) throw unprocessable("request.required", std::string(label) + "缺少字号", std::string("rules.format.") + key);
  const auto& v = *sz;
  if (!v.is_number()) throw unprocessable("request.invalid_type", std::string(label) + "字号应为数字（磅）", std::string("rules.format.") + key);
  t.size_pt = v.to_number<double>();
  if (t.size_pt < 7 || t.size_pt > 48) throw unprocessable("cases.rule_out_of_range", std::string(label) + "字号应在7–48磅之间", std::string("rules.format.") + key);
  f.finish();
  return t;
}

double number_in(json::Fields& f, const char* key, const char* label, double lo, double hi, double def) {
  auto* raw = f.raw(key);
  if (!raw) return def;
  if (!raw->is_number()) throw unprocessable("request.invalid_type", std::string(label) + "应为数字", std::string("rules.format.") + key);
  double x = raw->to_number<double>();
  if (x < lo || x > hi) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "应在%g–%g之间", lo, hi);
    throw unprocessable("cases.rule_out_of_range", std::string(label) + buf, std::string("rules.format.") + key);
  }
  return x;
}

DocFormat format_from(const bj::value& v) {
  json::Fields f(v, "rules.format.");
  DocFormat d;
  d.title = style_from(f, "title", "标题", d.title);
  d.h1 = style_from(f, "h1", "一级标题", d.h1);
  d.h2 = style_from(f, "h2", "二级标题", d.h2);
  d.body = style_from(f, "body", "正文", d.body);
  d.line_pt = number_in(f, "line_pt", "行距（磅）", 12, 60, d.line_pt);
  d.indent_chars = number_in(f, "indent_chars", "首行缩进（字符）", 0, 4, d.indent_chars);
  f.finish();
  return d;
}
}  // namespace

bj::object to_json(const DocFormat& d) {
  return {{"title", style_json(d.title)}, {"h1", style_json(d.h1)}, {"h2", style_json(d.h2)}, {"body", style_json(d.body)},
          {"line_pt", d.line_pt}, {"indent_chars", d.indent_chars}};
}

const std::vector<std::string>& document_fonts() { return allowed_fonts(); }

Rules qingdao_template() {
  Rules r;
  r.unit_types = {"school", "civilization_center", "community", "village", "community_parent_school", "practice_base", "patriotic_base",
                  "study_base", "library", "museum", "heritage_hall", "art_gallery", "stadium", "science_center", "youth_palace",
                  "children_center", "social_org", "media"};
  r.forms = {"社区+学校", "企业+学校", "基地场馆+学校", "社区+活动中心+学校", "多方协同"};
  r.topics = {"关心关爱特殊儿童和困难家庭", "法治教育", "国防教育", "新时代文明阵地建设宣讲", "反诈骗", "防霸凌", "其他"};
  r.sections = {{"overview", "一、成果概述", "", true, 500},
                {"background", "（一）实施背景", "二、案例介绍", true, 0},
                {"content", "（二）主体内容", "二、案例介绍", true, 0},
                {"practice", "（三）特色做法", "二、案例介绍", true, 0},
                {"results", "（四）实践成效", "二、案例介绍", true, 0},
                {"reflection", "（五）实践反思", "二、案例介绍", true, 0}};
  return r;
}

bj::object to_json(const Rules& r) {
  bj::array secs;
  for (auto& s : r.sections)
    secs.push_back({{"key", s.key}, {"heading", s.heading}, {"group", s.group}, {"required", s.required}, {"max", s.max}});
  return {{"unit_types", strings(r.unit_types)}, {"forms", strings(r.forms)}, {"topics", strings(r.topics)}, {"sections", secs},
          {"min_total", r.min_total}, {"max_total", r.max_total}, {"max_authors", r.max_authors}, {"quota_school", r.quota_school},
          {"quota_district", r.quota_district}, {"quota_selected", r.quota_selected},
          {"min_practice_months", r.min_practice_months}, {"max_evidence", r.max_evidence}, {"format", to_json(r.format)}};
}

Rules rules_from(const bj::value& v) {
  json::Fields f(v, "rules.");
  Rules r;
  r.unit_types = strings_from(f.req_array("unit_types", "可申报单位类型", 50), "rules.unit_types", "可申报单位类型");
  r.forms = strings_from(f.req_array("forms", "协同形式", 30), "rules.forms", "协同形式");
  r.topics = strings_from(f.req_array("topics", "聚焦主题", 50), "rules.topics", "聚焦主题");
  auto& secs = f.req_array("sections", "撰写栏目", 30);
  for (size_t i = 0; i < secs.size(); ++i) {
    json::Fields s(secs[i], "rules.sections[" + std::to_string(i) + "].");
    Section x;
    x.key = s.req_string("key", "栏目标识", 30);
    x.heading = s.req_string("heading", "栏目标题", 50);
    x.group = s.opt_string("group", "所属一级标题", 50).value_or("");
    x.required = s.opt_bool("required", "是否必填").value_or(true);
    x.max = s.opt_int_in("max", "栏目字数上限", 0, 100000, 0);
    if (x.max < 0 || x.max > 100000) throw unprocessable("cases.rule_out_of_range", "栏目字数上限应在0–100000之间", "rules.sections");
    s.finish();
    for (auto& y : r.sections)
      if (y.key == x.key) throw unprocessable("cases.section_duplicate", "栏目标识重复：" + x.key, "rules.sections");
    r.sections.push_back(std::move(x));
  }
  if (r.sections.empty()) throw unprocessable("cases.sections_required", "至少需要一个撰写栏目", "rules.sections");
  r.min_total = bounded(f, "min_total", "全文最少字数", 0, 100000, 0);
  r.max_total = bounded(f, "max_total", "全文最多字数", 1, 100000, 3000);
  if (r.min_total > r.max_total) throw unprocessable("cases.rule_out_of_range", "全文最少字数不能大于最多字数", "rules.min_total");
  r.max_authors = bounded(f, "max_authors", "作者人数上限", 0, 50, 0);
  r.quota_school = bounded(f, "quota_school", "每所局属学校限报", 1, 100, 2);
  r.quota_district = bounded(f, "quota_district", "每个区县限报", 1, 1000, 10);
  r.quota_selected = bounded(f, "quota_selected", "全市评选数量", 1, 10000, 30);
  r.min_practice_months = bounded(f, "min_practice_months", "最短实践时长（月）", 0, 120, 12);
  r.max_evidence = bounded(f, "max_evidence", "佐证材料上限", 0, 100, 10);
  if (auto* fmt = f.raw("format")) r.format = format_from(*fmt);
  f.finish();
  return r;
}

bj::object to_json(const Content& c) {
  bj::array partners, secs;
  for (auto& p : c.partners) partners.push_back({{"unit_id", p.unit_id ? bj::value(*p.unit_id) : bj::value(nullptr)}, {"name", p.name}});
  bj::object sections;
  for (auto& [k, v] : c.sections) sections[k] = v;
  return {{"partners", partners}, {"form", c.form}, {"topics", strings(c.topics)}, {"practice_start", c.practice_start},
          {"still_running", c.still_running}, {"contact_name", c.contact_name}, {"contact_phone", c.contact_phone},
          {"authors", strings(c.authors)}, {"sections", sections}};
}

Content content_from(const bj::value& v) {
  json::Fields f(v, "content.");
  Content c;
  auto& ps = f.req_array("partners", "合作单位", 20);
  for (size_t i = 0; i < ps.size(); ++i) {
    json::Fields p(ps[i], "content.partners[" + std::to_string(i) + "].");
    Partner x;
    x.unit_id = p.opt_int("unit_id", "合作单位");
    x.name = p.req_string("name", "合作单位名称", 100);
    p.finish();
    c.partners.push_back(std::move(x));
  }
  c.form = f.opt_string("form", "协同形式", 50).value_or("");
  c.topics = strings_from(f.req_array("topics", "聚焦主题", 20), "content.topics", "聚焦主题");
  c.practice_start = f.opt_string("practice_start", "实践开始日期", 10).value_or("");
  c.still_running = f.opt_bool("still_running", "目前仍在实施").value_or(false);
  c.contact_name = f.opt_string("contact_name", "联系人", 30).value_or("");
  c.contact_phone = f.opt_string("contact_phone", "联系电话", 20).value_or("");
  c.authors = strings_from(f.req_array("authors", "作者", 50), "content.authors", "作者", 30);
  if (auto* s = f.raw("sections")) {
    if (!s->is_object()) throw unprocessable("request.invalid_type", "栏目内容应为对象", "content.sections");
    for (auto& kv : s->as_object()) {
      if (!kv.value().is_string()) throw unprocessable("request.invalid_type", "栏目内容应为文本", "content.sections." + std::string(kv.key()));
      std::string text(kv.value().as_string());
      if (text.size() > 200000) throw unprocessable("request.too_long", "栏目内容过长", "content.sections." + std::string(kv.key()));
      c.sections.emplace_back(std::string(kv.key()), std::move(text));
    }
  }
  f.finish();
  return c;
}
}  // namespace xt::cases
