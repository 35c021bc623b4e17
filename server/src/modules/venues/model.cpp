#include "modules/venues/model.hpp"

#include <cstring>

namespace xt::venues {

const std::vector<Code>& kinds() {
  static const std::vector<Code> v = {
      {"park", "公园广场"},          {"stadium", "体育场馆"},        {"community_ground", "社区运动场"},
      {"school_ground", "开放的学校运动场"}, {"fitness_station", "健身路径"}, {"pool", "游泳场馆"},
      {"study_station", "社区学习驿站"},    {"library", "图书馆"},        {"museum", "博物馆纪念馆"},
      {"science_center", "科技馆"},       {"heritage", "非遗传习基地"},   {"study_site", "研学实践基地"}};
  return v;
}

bool sports_kind(const std::string& k) {
  return k == "park" || k == "stadium" || k == "community_ground" || k == "school_ground" || k == "fitness_station" || k == "pool";
}

const std::vector<Code>& sports() {
  static const std::vector<Code> v = {
      {"running", "跑步"},   {"rope_skipping", "跳绳"}, {"long_jump", "立定跳远"}, {"basketball", "篮球"},
      {"football", "足球"},  {"volleyball", "排球"},    {"table_tennis", "乒乓球"}, {"badminton", "羽毛球"},
      {"tennis", "网球"},    {"swimming", "游泳"},      {"fitness", "健身器材"},   {"skating", "轮滑"},
      {"martial_arts", "武术"}, {"chess", "棋类"}};
  return v;
}

const std::vector<Code>& facilities() {
  static const std::vector<Code> v = {
      {"changing_room", "更衣室"}, {"toilet", "卫生间"}, {"drinking_water", "饮水"}, {"accessible", "无障碍设施"},
      {"lighting", "夜间照明"},    {"aed", "AED急救设备"}, {"first_aid", "医务室"},   {"parking", "停车场"},
      {"study_desk", "自习座位"},  {"books", "图书阅览"},  {"wifi", "无线网络"},     {"bus_dropoff", "大巴停靠"}};
  return v;
}

const char* label_of(const std::vector<Code>& list, const std::string& code) {
  for (auto& c : list)
    if (code == c.code) return c.label;
  return "";
}

std::vector<std::string> split_codes(const std::string& s) {
  std::vector<std::string> out;
  size_t a = 0;
  while (a < s.size()) {
    auto b = s.find(',', a);
    if (b == std::string::npos) b = s.size();
    if (b > a) out.push_back(s.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

const char* audience_label(const std::string& a) {
  if (a == "pupil") return "学生独自";
  if (a == "guardian") return "监护人陪同";
  if (a == "group") return "学校团体";
  return "";
}

int audience_index(const std::string& a) {
  for (int i = 0; i < 3; ++i)
    if (a == kAudiences[i]) return i;
  return -1;
}
}  // namespace xt::venues
