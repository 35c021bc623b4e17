#include "modules/system/dict_repo.hpp"

#include <map>
#include <vector>

namespace xt::sys::dict {
using db::Query;

namespace {
struct Item { const char* value; const char* label; };
struct Type { const char* code; const char* name; std::vector<Item> items; };

const std::vector<Type>& builtin() {
  static const std::vector<Type> t = {
      {"unit_type", "单位类型",
       {{"city_bureau", "市教育局"}, {"district_bureau", "区县教育局"}, {"school", "学校"}, {"department", "政府部门"},
        {"community", "社区"}, {"village", "村"}, {"civilization_center", "新时代文明实践中心（所、站）"},
        {"community_parent_school", "社区家长学校"}, {"practice_base", "社会实践基地"}, {"patriotic_base", "爱国主义教育基地"},
        {"study_base", "研学实践基地"}, {"library", "图书馆"}, {"museum", "博物馆"}, {"heritage_hall", "非遗馆"},
        {"art_gallery", "美术馆"}, {"stadium", "体育馆"}, {"science_center", "科技馆"}, {"youth_palace", "青少年宫"},
        {"children_center", "儿童活动中心"}, {"social_org", "社会团体"}, {"media", "宣传媒体"}, {"enterprise", "企业"},
        {"hospital", "医疗卫生机构"}, {"police_station", "公安派出所"}}},
      {"school_stage", "学段",
       {{"kindergarten", "幼儿园"}, {"primary", "小学"}, {"middle", "初级中学"}, {"nine_year", "九年一贯制学校"},
        {"high", "普通高中"}, {"complete_middle", "完全中学"}, {"twelve_year", "十二年一贯制学校"},
        {"special", "特殊教育学校"}, {"vocational", "中等职业学校"}}},
      {"unit_status", "单位状态", {{"active", "正常"}, {"disabled", "停用"}}},
      {"user_status", "用户状态", {{"active", "启用"}, {"disabled", "停用"}}},
      {"audit_result", "操作结果", {{"success", "成功"}, {"failure", "失败"}}},
      {"data_scope", "数据范围",
       {{"all", "全部数据"}, {"subtree", "本单位及下级"}, {"own_unit", "本单位"}, {"self", "仅本人"}, {"custom", "自定义单位"}}},
      {"role_category", "角色类别", {{"system", "系统管理员"}, {"security", "安全管理员"}, {"audit", "审计管理员"}, {"business", "业务角色"}}},
  };
  return t;
}
}  // namespace

bool has(db::Conn& c, const std::string& type, const std::string& value) {
  Query q("SELECT COUNT(*) FROM dict_items WHERE type_code = ");
  q << q.bind(type) << " AND value = " << q.bind(value) << " AND status = 'active'";
  return c.scalar(q) > 0;
}

bool value_taken(db::Conn& c, const std::string& type, const std::string& value) {
  Query q("SELECT COUNT(*) FROM dict_items WHERE type_code = ");
  q << q.bind(type) << " AND value = " << q.bind(value);
  return c.scalar(q) > 0;
}

std::string label(db::Conn& c, const std::string& type, const std::string& value) {
  Query q("SELECT label FROM dict_items WHERE type_code = ");
  q << q.bind(type) << " AND value = " << q.bind(value);
  auto r = c.row(q);
  return r ? r->str(0) : value;
}

bool type_exists(db::Conn& c, const std::string& type) {
  Query q("SELECT COUNT(*) FROM dict_types WHERE code = ");
  q << q.bind(type);
  return c.scalar(q) > 0;
}

boost::json::array all(db::Conn& c) {
  boost::json::array types;
  std::map<std::string, size_t> idx;
  for (auto& r : c.rows(Query("SELECT code, name FROM dict_types ORDER BY sort, code"))) {
    idx[r.str(0)] = types.size();
    types.push_back({{"code", r.str(0)}, {"name", r.str(1)}, {"items", boost::json::array{}}});
  }
  for (auto& r : c.rows(Query("SELECT id, type_code, value, label, sort, status, builtin FROM dict_items ORDER BY type_code, sort, id"))) {
    auto it = idx.find(r.str(1));
    if (it == idx.end()) continue;
    types[it->second].as_object()["items"].as_array().push_back(
        {{"id", r.i64(0)}, {"value", r.str(2)}, {"label", r.str(3)}, {"sort", r.i64(4)}, {"status", r.str(5)}, {"builtin", r.flag(6)}});
  }
  return types;
}

void ensure_builtin(db::Conn& c) {
  int tsort = 0;
  for (auto& t : builtin()) {
    ++tsort;
    if (!type_exists(c, t.code)) {
      Query q("INSERT INTO dict_types (code, name, sort) VALUES (");
      q << q.bind(t.code) << ", " << q.bind(t.name) << ", " << q.bind((long long)tsort) << ")";
      c.exec(q);
    }
    int sort = 0;
    for (auto& i : t.items) {
      ++sort;
      Query e("SELECT COUNT(*) FROM dict_items WHERE type_code = ");
      e << e.bind(t.code) << " AND value = " << e.bind(i.value);
      if (c.scalar(e) > 0) continue;
      Query q("INSERT INTO dict_items (type_code, value, label, sort, status, builtin) VALUES (");
      q << q.bind(t.code) << ", " << q.bind(i.value) << ", " << q.bind(i.label) << ", " << q.bind((long long)sort) << ", 'active', 1)";
      c.exec(q);
    }
  }
}

std::optional<boost::json::object> find_item(db::Conn& c, long long id) {
  Query q("SELECT id, type_code, value, label, sort, status, builtin FROM dict_items WHERE id = ");
  q << q.bind(id);
  auto r = c.row(q);
  if (!r) return std::nullopt;
  return boost::json::object{{"id", r->i64(0)}, {"type", r->str(1)}, {"value", r->str(2)}, {"label", r->str(3)},
                             {"sort", r->i64(4)}, {"status", r->str(5)}, {"builtin", r->flag(6)}};
}

long long insert_item(db::Conn& c, const std::string& type, const std::string& value, const std::string& label, int sort, const std::string& status) {
  Query q("INSERT INTO dict_items (type_code, value, label, sort, status, builtin) VALUES (");
  q << q.bind(type) << ", " << q.bind(value) << ", " << q.bind(label) << ", " << q.bind((long long)sort) << ", " << q.bind(status) << ", 0) RETURNING id";
  return c.scalar(q);
}

void update_item(db::Conn& c, long long id, const std::string& label, int sort, const std::string& status) {
  Query q("UPDATE dict_items SET label = ");
  q << q.bind(label) << ", sort = " << q.bind((long long)sort) << ", status = " << q.bind(status) << " WHERE id = " << q.bind(id);
  c.exec(q);
}

void delete_item(db::Conn& c, long long id) {
  Query q("DELETE FROM dict_items WHERE id = ");
  q << q.bind(id);
  c.exec(q);
}
}  // namespace xt::sys::dict
