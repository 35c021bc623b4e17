#include "modules/review/sheet.hpp"

#include <cmath>
#include <set>

#include "core/http/errors.hpp"
#include "core/json/json.hpp"

namespace xt::review {
namespace bj = boost::json;

double sheet_total(const Sheet& s, const std::map<std::string, double>& scores) {
  double t = 0;
  for (auto& c : s.criteria) {
    auto it = scores.find(c.key);
    if (it == scores.end() || c.max <= c.min) continue;
    t += c.weight * (it->second - c.min) / (c.max - c.min);
  }
  return std::round(t * 100) / 100;
}

bj::object to_json(const Sheet& s) {
  bj::array cs;
  for (auto& c : s.criteria)
    cs.push_back(bj::object{{"key", c.key}, {"name", c.name}, {"description", c.description}, {"weight", c.weight}, {"min", c.min}, {"max", c.max}});
  return {{"criteria", cs}, {"comment_label", s.comment_label}, {"comment_required", s.comment_required}, {"disagreement", s.disagreement}};
}

namespace {
double number(const bj::value& v, const std::string& field, const std::string& label) {
  if (v.is_int64()) return (double)v.as_int64();
  if (v.is_uint64()) return (double)v.as_uint64();
  if (v.is_double() && std::isfinite(v.as_double())) return v.as_double();
  throw unprocessable("review.sheet_invalid", label + "应为数字", field);
}
double opt_number(const bj::object& o, const char* key, const std::string& field, const std::string& label, double fallback) {
  auto* v = o.if_contains(key);
  return v ? number(*v, field, label) : fallback;
}
}  // namespace

Sheet sheet_from(const bj::value& v) {
  if (!v.is_object()) throw unprocessable("review.sheet_invalid", "评分表格式不正确", "sheet");
  json::Fields f(v, "sheet.");
  Sheet s;
  s.comment_label = f.opt_string("comment_label", "意见栏名称", 20).value_or("评审意见");
  s.comment_required = f.opt_bool("comment_required", "意见必填").value_or(false);
  if (auto* d = f.raw("disagreement")) s.disagreement = number(*d, "sheet.disagreement", "分歧提示分差");
  if (s.disagreement <= 0 || s.disagreement > 100) throw unprocessable("review.sheet_invalid", "分歧提示分差应在0到100之间", "sheet.disagreement");
  std::set<std::string> keys;
  double weights = 0;
  size_t i = 0;
  for (auto& item : f.req_array("criteria", "评分项", 20)) {
    std::string at = "sheet.criteria[" + std::to_string(i++) + "].";
    json::Fields c(item, at);
    Criterion x;
    x.name = c.req_string("name", "评分项名称", 20);
    x.key = c.opt_string("key", "评分项代码", 40).value_or("");
    if (x.key.empty()) x.key = "c" + std::to_string(i);
    x.description = c.opt_string("description", "评分说明", 300).value_or("");
    auto& o = item.as_object();
    x.weight = opt_number(o, "weight", at + "weight", "“" + x.name + "”的权重", 0);
    x.min = opt_number(o, "min", at + "min", "“" + x.name + "”的最低分", 0);
    x.max = opt_number(o, "max", at + "max", "“" + x.name + "”的最高分", 10);
    for (auto* k : {"weight", "min", "max"}) c.raw(k);
    c.finish();
    if (!keys.insert(x.key).second) throw unprocessable("review.sheet_invalid", "评分项重复：" + x.name, at + "key");
    if (x.weight <= 0) throw unprocessable("review.sheet_invalid", "“" + x.name + "”的权重应大于0", at + "weight");
    if (x.min < 0 || x.max <= x.min || x.max > 1000)
      throw unprocessable("review.sheet_invalid", "“" + x.name + "”的分值范围不正确：最高分应大于最低分", at + "max");
    weights += x.weight;
    s.criteria.push_back(std::move(x));
  }
  f.finish();
  if (s.criteria.empty()) throw unprocessable("review.sheet_invalid", "评分表至少需要一个评分项", "sheet.criteria");
  if (std::fabs(weights - 100) > 1e-6) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", weights);
    throw unprocessable("review.sheet_invalid", std::string("各评分项权重之和应为100（现为") + buf + "）", "sheet.criteria");
  }
  return s;
}

Sheet default_sheet() {
  Sheet s;
  s.criteria = {
      {"representative", "代表性", "是基于实践探索的规律性总结，在同类单位中具有代表性", 20, 0, 20},
      {"operable", "可操作性", "经验做法重点突出、步骤清楚，其他单位照着能做", 15, 0, 15},
      {"replicable", "可复制性", "不依赖特殊条件，适合在全市范围内推广应用", 15, 0, 15},
      {"innovative", "创新性", "在协同育人的机制、方式或内容上有新的探索", 20, 0, 20},
      {"effective", "实践成效", "成效有数据或事实支撑，学生、家长、学校、社会受益明显", 20, 0, 20},
      {"authentic", "材料真实完整", "内容阐述详实，数据真实准确，佐证材料齐全、与案例相符", 10, 0, 10},
  };
  return s;
}

std::map<std::string, double> scores_from(const Sheet& s, const bj::value& v, bool complete) {
  if (!v.is_object()) throw unprocessable("review.score_invalid", "评分格式不正确", "scores");
  std::map<std::string, double> out;
  for (auto& [k, val] : v.as_object()) {
    std::string key(k);
    const Criterion* c = nullptr;
    for (auto& x : s.criteria)
      if (x.key == key) c = &x;
    if (!c) throw unprocessable("review.score_invalid", "评分表中没有这一评分项：" + key, "scores." + key);
    if (val.is_null()) continue;  // cleared in a draft
    double d;
    if (val.is_int64()) d = (double)val.as_int64();
    else if (val.is_uint64()) d = (double)val.as_uint64();
    else if (val.is_double() && std::isfinite(val.as_double())) d = val.as_double();
    else throw unprocessable("review.score_invalid", "“" + c->name + "”的分数应为数字", "scores." + key);
    char range[64];
    std::snprintf(range, sizeof range, "%g–%g", c->min, c->max);
    if (d < c->min || d > c->max) throw unprocessable("review.score_invalid", "“" + c->name + "”的分数应在" + range + "分之间", "scores." + key);
    if (std::fabs(d * 2 - std::round(d * 2)) > 1e-9)
      throw unprocessable("review.score_invalid", "“" + c->name + "”的分数最小单位为0.5分", "scores." + key);
    out[key] = d;
  }
  if (complete)
    for (auto& c : s.criteria)
      if (!out.count(c.key)) throw unprocessable("review.score_missing", "还有评分项未打分：" + c.name, "scores." + c.key);
  return out;
}

bj::object scores_json(const std::map<std::string, double>& scores) {
  bj::object o;
  for (auto& [k, v] : scores) o[k] = v;
  return o;
}
}  // namespace xt::review
