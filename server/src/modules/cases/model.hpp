// Plain structs of the typical-case call: the call's rules are data, not code.
#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace xt::cases {

struct Section {
  std::string key, heading, group;  // group: the level-1 heading it belongs to ("" = its own)
  bool required = true;
  int max = 0;                      // 字数 limit, 0 = none
};

// How the write-up is laid out in DOCX and PDF (附件1 of the call): font and size per level.
struct TextStyle {
  std::string font;
  double size_pt = 16;
};
struct DocFormat {
  TextStyle title{"方正小标宋_GBK", 22};  // 二号
  TextStyle h1{"黑体", 16};               // 三号: 一、二、
  TextStyle h2{"楷体_GB2312", 16};        // 三号: （一）…
  TextStyle body{"仿宋_GB2312", 16};      // 三号
  double line_pt = 27;                    // exact line spacing
  double indent_chars = 2;                // first-line indent of body paragraphs
};

struct Rules {
  std::vector<std::string> unit_types, forms, topics;
  std::vector<Section> sections;
  int min_total = 0, max_total = 3000;
  int max_authors = 0;          // 0 = no author list
  int quota_school = 2;         // per city-affiliated school
  int quota_district = 10;      // per district, its schools included
  int quota_selected = 30;      // city-wide selection
  int min_practice_months = 12;
  int max_evidence = 10;
  DocFormat format;  // the Qingdao 附件1 format unless the call says otherwise
};

struct Call {
  long long id = 0;
  std::string title, notice, deadline_date, status;
  long long deadline_at = 0;
  int grace_minutes = 0;
  Rules rules;
  long long created_at = 0;
  long long owner_unit_id = 0;  // the bureau that published the call
  // The last moment a unit may submit: the deadline plus the grace minutes.
  long long closes_at() const { return deadline_at + (long long)grace_minutes * 60'000; }
};

struct Partner { std::optional<long long> unit_id; std::string name; };

struct Content {
  std::vector<Partner> partners;
  std::string form;
  std::vector<std::string> topics;
  std::string practice_start;  // YYYY-MM-DD
  bool still_running = false;
  std::string contact_name, contact_phone;
  std::vector<std::string> authors;
  std::vector<std::pair<std::string, std::string>> sections;  // key -> text
};

struct Case {
  long long id = 0, call_id = 0, owner_unit_id = 0, review_unit_id = 0, creator_id = 0;
  std::string owner_unit_name, title, status, review_comment;
  int version = 1;
  Content content;
  std::optional<long long> submitted_at;
  long long created_at = 0, updated_at = 0;
};

// Statuses: draft → submitted → returned | rejected | recommended → sent.
inline bool counts_for_quota(const std::string& s) {
  return s == "submitted" || s == "returned" || s == "recommended" || s == "sent";
}
}  // namespace xt::cases
