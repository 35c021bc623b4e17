#include "modules/cases/writeups/document.hpp"

#include "modules/cases/review/package_zip.hpp"

namespace xt::cases {

docs::Layout layout_of(const DocFormat& f) {
  docs::Layout l;
  l.title = {f.title.font, f.title.size_pt};
  l.h1 = {f.h1.font, f.h1.size_pt};
  l.h2 = {f.h2.font, f.h2.size_pt};
  l.body = {f.body.font, f.body.size_pt};
  l.line_pt = f.line_pt;
  l.indent_chars = f.indent_chars;
  return l;
}

namespace {
std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (auto& s : v) {
    if (s.empty()) continue;
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// "2023年9月" from "2023-09-01".
std::string year_month(const std::string& d) {
  if (d.size() < 7) return d;
  return d.substr(0, 4) + "年" + std::to_string(std::stoi(d.substr(5, 2))) + "月";
}
}  // namespace

docs::Document case_document(const Call& call, const Case& k, const std::vector<std::string>& partners) {
  using docs::Kind;
  docs::Document d;
  d.title = k.title;
  auto& b = d.blocks;
  b.push_back({Kind::Title, k.title});
  auto& c = k.content;
  std::string group;
  for (auto& s : call.rules.sections) {
    if (s.group.empty()) {
      b.push_back({Kind::Heading1, s.heading});
      group.clear();
    } else {
      if (s.group != group) b.push_back({Kind::Heading1, s.group});
      group = s.group;
      b.push_back({Kind::Heading2, s.heading});
    }
    for (auto& [key, text] : c.sections)
      if (key == s.key && !text.empty()) b.push_back({Kind::Body, text});
  }
  // 附件1 goes from the title straight to 一、成果概述: the facts of the case (lead unit,
  // partners, form, topics, dates, authors, contact) follow the text as a table.
  docs::Table info{{"项目", "内容"}, {22, 78}, {}};
  info.rows.push_back({"牵头单位", k.owner_unit_name});
  if (!partners.empty()) info.rows.push_back({"合作单位", join(partners, "、")});
  if (!c.form.empty()) info.rows.push_back({"协同形式", c.form});
  if (!c.topics.empty()) info.rows.push_back({"聚焦主题", join(c.topics, "、")});
  if (!c.practice_start.empty())
    info.rows.push_back({"实践起始时间", year_month(c.practice_start) + (c.still_running ? "（至今仍在实施）" : "")});
  if (!c.authors.empty()) info.rows.push_back({"作者", join(c.authors, "、")});
  if (!c.contact_name.empty()) info.rows.push_back({"联系人", c.contact_name});
  if (!c.contact_phone.empty()) info.rows.push_back({"联系电话", c.contact_phone});
  b.push_back({Kind::Table, "", info});
  return d;
}

std::string document_file_name(const Case& k, const std::string& ext) { return safe_file_name(k.owner_unit_name + "_" + k.title) + "." + ext; }
}  // namespace xt::cases
