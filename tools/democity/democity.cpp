#include "democity/democity.hpp"

#include <map>
#include <random>
#include <set>
#include <stdexcept>

#include "core/audit/audit.hpp"
#include "core/auth/password.hpp"
#include "modules/org/repo.hpp"

namespace xt::demo {
namespace {

struct Rng {
  std::mt19937 g;
  explicit Rng(unsigned s) : g(s) {}
  size_t pick(size_t n) { return g() % n; }
  template <class T> const T& of(const std::vector<T>& v) { return v[pick(v.size())]; }
};

struct District { const char* name; const char* code; const char* login; bool rural; };
const std::vector<District> kDistricts = {
    {"历下区", "370102", "lixia", false}, {"市中区", "370103", "shizhong", false}, {"槐荫区", "370104", "huaiyin", false},
    {"天桥区", "370105", "tianqiao", false}, {"历城区", "370112", "licheng", false}, {"长清区", "370113", "changqing", true},
    {"章丘区", "370114", "zhangqiu", true}, {"济阳区", "370115", "jiyang", true}, {"莱芜区", "370116", "laiwu", true},
    {"钢城区", "370117", "gangcheng", true}};

const std::vector<std::string> kPlaces = {
    "燕山", "文化东路", "甸柳", "舜耕", "经五路", "纬二路", "泉城", "解放路", "山大路", "千佛山", "舜文", "历山", "建新", "和平路",
    "青年东路", "大明湖", "趵突泉", "黑虎泉", "五龙潭", "百花洲", "华山", "洪家楼", "七里河", "玉函", "阳光", "明湖", "汇波",
    "东城", "西苑", "北园", "南全福", "丁家庄", "盛福", "龙山", "唐冶", "港沟", "彩石", "鲍山", "王舍人", "郭店", "遥墙",
    "崮云湖", "平安", "文昌", "双泉", "明水", "双山", "埠村", "圣井", "济北", "崔寨", "回河", "凤城", "鹏泉", "口镇", "艾山",
    "颜庄", "汶源", "棋山", "黄河", "锦屏", "清源", "泉景", "新世纪", "育才", "外海", "腊山", "兴福", "段店", "匡山"};
const std::vector<std::string> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"};
const std::vector<std::string> kGiven = {"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文博", "思远", "雨桐", "晓东", "海燕", "春梅"};

const std::vector<std::pair<const char*, const char*>> kDepartments = {
    {"中共济南市委宣传部", "D01"}, {"中共济南市委网信办", "D02"}, {"济南市公安局", "D03"}, {"济南市民政局", "D04"},
    {"济南市司法局", "D05"}, {"济南市住房和城乡建设局", "D06"}, {"济南市农业农村局", "D07"}, {"济南市文化和旅游局", "D08"},
    {"济南市卫生健康委员会", "D09"}, {"济南市市场监督管理局", "D10"}, {"济南市体育局", "D11"}, {"济南市消防救援支队", "D12"},
    {"共青团济南市委员会", "D13"}, {"济南市妇女联合会", "D14"}, {"济南市关心下一代工作委员会", "D15"}, {"济南市科学技术协会", "D16"}};

const std::vector<std::pair<const char*, const char*>> kCitySocial = {
    {"济南市博物馆", "museum"}, {"济南市图书馆", "library"}, {"济南市科技馆", "science_center"}, {"济南市青少年宫", "youth_palace"},
    {"济南市美术馆", "art_gallery"}, {"济南市非物质文化遗产馆", "heritage_hall"}, {"济南奥林匹克体育中心", "stadium"},
    {"济南市妇女儿童活动中心", "children_center"}, {"济南市新时代文明实践中心", "civilization_center"},
    {"济南市中小学生研学实践教育基地", "study_base"}, {"济南战役纪念馆（爱国主义教育基地）", "patriotic_base"}, {"济南日报社", "media"}};

const std::vector<std::pair<const char*, const char*>> kCitySchools = {
    {"济南第一中学", "high"}, {"济南第三中学", "high"}, {"济南外国语学校", "twelve_year"}, {"济南市育英中学", "complete_middle"},
    {"济南第七中学", "high"}, {"济南第九中学", "high"}, {"济南第十一中学", "high"}, {"济南第十二中学", "high"},
    {"济南市特殊教育中心", "special"}, {"济南市历城第二中学", "high"}, {"济南市实验中学", "complete_middle"}, {"济南市第一职业中等专业学校", "vocational"}};

std::string person(Rng& r) { return r.of(kSurnames) + r.of(kGiven); }
std::string phone(Rng& r) {
  static const char* pre[] = {"135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "186", "187", "188"};
  std::string p = pre[r.pick(13)];
  for (int i = 0; i < 8; ++i) p += char('0' + r.pick(10));
  return p;
}

struct Ctx {
  db::Conn& c;
  Rng rng;
  std::string hash;
  Summary sum;
  std::map<std::string, long long> roles;
  long long add_unit(std::optional<long long> parent, const std::string& code, const std::string& name, const std::string& type,
                     std::optional<std::string> stage = std::nullopt, bool city = false, int sort = 0) {
    org::UnitInput in;
    in.parent_id = parent; in.code = code; in.name = name; in.type = type; in.school_stage = stage; in.city_affiliated = city; in.sort = sort;
    ++sum.units;
    if (type == "school") ++sum.schools;
    return org::repo::insert_unit(c, in, 0);
  }
  long long add_user(const std::string& username, const std::string& display, std::vector<org::MembershipInput> ms, bool listed,
                     const std::string& unit_name = {}, const std::string& role_name = {}) {
    org::UserInput in;
    in.username = username; in.display_name = display; in.phone = phone(rng);
    auto id = org::repo::insert_user(c, in, hash, ms[0].unit_id, 0, false, true);
    org::repo::replace_memberships(c, id, ms);
    ++sum.users;
    if (listed) sum.accounts.push_back({username, display, unit_name, role_name});
    return id;
  }
  org::MembershipInput m(long long unit, const std::string& post, const std::string& role) { return {unit, post, {roles.at(role)}}; }
};

std::string stage_suffix(const std::string& stage) {
  if (stage == "primary") return "小学";
  if (stage == "middle") return "初级中学";
  if (stage == "nine_year") return "学校";
  if (stage == "high") return "高级中学";
  if (stage == "kindergarten") return "幼儿园";
  return "学校";
}
}  // namespace

Summary generate(db::Conn& c, const Options& o) {
  if (c.scalar(db::Query("SELECT COUNT(*) FROM units")) > 0) throw std::runtime_error("数据库中已有单位，演示数据只写入空库");
  Ctx x{c, Rng(o.seed), auth::hash_password(o.password), {}, {}};
  for (auto& r : org::repo::list_roles(c)) x.roles[r.key] = r.id;
  db::Tx tx(c, true);

  long long city = x.add_unit(std::nullopt, "3701", "济南市教育局", "city_bureau");
  x.add_user("admin", "系统管理员", {x.m(city, "信息中心", "sys_admin")}, true, "济南市教育局", "系统管理员");
  x.add_user("secadmin", "安全管理员", {x.m(city, "信息中心", "sec_admin")}, true, "济南市教育局", "安全管理员");
  x.add_user("auditor", "审计管理员", {x.m(city, "办公室", "audit_admin")}, true, "济南市教育局", "审计管理员");
  x.add_user("city", "家庭教育处 " + person(x.rng), {x.m(city, "家庭教育处", "city_staff")}, true, "济南市教育局", "市教育局工作人员");

  int sort = 0;
  for (auto& [name, code] : kDepartments) {
    long long d = x.add_unit(std::nullopt, code, name, "department", std::nullopt, false, ++sort);
    auto login = std::string("dept") + (code + 1);
    x.add_user(login, person(x.rng), {x.m(d, "联络员", "unit_staff")}, login == "dept09", name, "单位工作人员");
  }
  int n = 0;
  for (auto& [name, stage] : kCitySchools) {
    ++n;
    char code[16];
    std::snprintf(code, sizeof code, "3701S%03d", n);
    long long s = x.add_unit(city, code, name, "school", std::string(stage), true, n);
    char login[16];
    std::snprintf(login, sizeof login, "sch%04d", x.sum.schools);
    x.add_user(login, person(x.rng), {x.m(s, "德育处", "school_admin")}, x.sum.schools == 1, name, "学校（单位）管理员");
  }
  int cs = 0;
  for (auto& [name, type] : kCitySocial) {
    char code[16];
    std::snprintf(code, sizeof code, "3701C%03d", ++cs);
    long long u = x.add_unit(city, code, name, type, std::nullopt, false, 100 + cs);
    char login[16];
    std::snprintf(login, sizeof login, "unit%04d", cs);
    x.add_user(login, person(x.rng), {x.m(u, "联络员", "unit_staff")}, cs == 1, name, "单位工作人员");
  }

  int remaining = std::max(0, o.schools - (int)kCitySchools.size());
  int unit_users = cs;
  long long first_district = 0, first_district_school = 0;
  for (size_t di = 0; di < kDistricts.size(); ++di) {
    auto& d = kDistricts[di];
    std::string dname = std::string(d.name) + "教育局";
    long long dist = x.add_unit(city, d.code, dname, "district_bureau", std::nullopt, false, (int)di + 1);
    if (!first_district) first_district = dist;
    x.add_user(d.login, std::string(d.name) + " " + person(x.rng), {x.m(dist, "基础教育科", "district_staff")}, di < 2, dname, "区县教育局工作人员");
    int count = remaining / (int)(kDistricts.size() - di);
    remaining -= count;
    std::set<std::string> used;
    for (int i = 0; i < count; ++i) {
      static const std::vector<std::string> stages = {"primary", "primary", "primary", "primary", "primary", "primary", "middle", "middle",
                                                      "nine_year", "kindergarten", "kindergarten", "kindergarten", "high"};
      std::string stage = x.rng.of(stages);
      std::string name;
      for (int tries = 0; tries < 50; ++tries) {
        std::string place = x.rng.of(kPlaces);
        name = "济南市" + std::string(d.name) + place + (stage == "kindergarten" && tries % 2 ? "实验" : "") + stage_suffix(stage);
        if (tries > 20) name = "济南市" + std::string(d.name) + place + "第" + std::to_string(tries - 19) + stage_suffix(stage);
        if (used.insert(name).second) break;
      }
      char code[20];
      std::snprintf(code, sizeof code, "%sS%04d", d.code, i + 1);
      long long s = x.add_unit(dist, code, name, "school", stage, false, i + 1);
      if (!first_district_school) first_district_school = s;
      char login[16];
      std::snprintf(login, sizeof login, "sch%04d", x.sum.schools);
      x.add_user(login, person(x.rng), {x.m(s, "德育处", "school_admin")}, false);
    }
    // social units of the district
    std::vector<std::pair<std::string, std::string>> socials = {
        {std::string(d.name) + "图书馆", "library"}, {std::string(d.name) + "青少年活动中心", "youth_palace"},
        {std::string(d.name) + "新时代文明实践中心", "civilization_center"}, {std::string(d.name) + "人民医院", "hospital"},
        {std::string(d.name) + "体育中心", "stadium"}, {std::string(d.name) + "研学实践基地", "study_base"}};
    while ((int)socials.size() < o.social_per_district) {
      std::string place = x.rng.of(kPlaces);
      switch (socials.size() % 4) {
        case 0: socials.push_back({std::string(d.name) + place + "派出所", "police_station"}); break;
        case 1: socials.push_back({place + (d.rural ? "村" : "社区") + "居民委员会", d.rural ? "village" : "community"}); break;
        case 2: socials.push_back({place + "社区家长学校", "community_parent_school"}); break;
        default: socials.push_back({place + "街道新时代文明实践所", "civilization_center"}); break;
      }
    }
    std::set<std::string> seen;
    int k = 0;
    for (auto& [name, type] : socials) {
      if (!seen.insert(name).second) continue;
      char code[20];
      std::snprintf(code, sizeof code, "%sC%03d", d.code, ++k);
      long long u = x.add_unit(dist, code, name, type, std::nullopt, false, 1000 + k);
      char login[16];
      std::snprintf(login, sizeof login, "unit%04d", ++unit_users);
      x.add_user(login, person(x.rng), {x.m(u, "联络员", "unit_staff")}, false);
    }
  }
  // One person in two units: a district officer who is also a school's admin.
  x.add_user("multi", "王老师（兼任）", {x.m(first_district, "基础教育科", "district_staff"), x.m(first_district_school, "德育处", "school_admin")},
             true, "历下区教育局 / 区属学校", "区县教育局工作人员 + 学校管理员");
  audit::record(c, audit::Actor{std::nullopt, "demo-generator", city, "济南市教育局", "127.0.0.1", ""},
                audit::Event{"sys:demo", "unit", std::to_string(city)});
  tx.commit();
  return x.sum;
}
}  // namespace xt::demo
