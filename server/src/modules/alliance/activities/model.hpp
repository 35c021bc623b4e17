// An activity of the 教联体 work, as stored: the work itself, entered once by the unit that
// organised it, with its partners' confirmations. People reached are numbers only.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace xt::alliance {

struct ActivityType {
  long long id = 0;
  std::string code, name, hint, status = "active";
  bool open_day = false;
  int sort = 0;
  std::vector<int> measures;  // measure codes it serves
};

struct Partner {
  long long unit_id = 0;
  long long district_id = 0;  // 0: directly under the city
  std::optional<long long> confirmed_at, confirmed_by;
  std::string unit_name;  // filled for display
};

struct Reached {
  long long students = 0, parents = 0, teachers = 0, others = 0;
  long long total() const { return students + parents + teachers + others; }
};

struct Activity {
  long long id = 0;
  long long type_id = 0;
  long long organiser_unit_id = 0, organiser_district_id = 0;
  std::string title;
  std::vector<std::string> dates;  // sorted, distinct; empty in lists (sessions says how many)
  std::string held_on, ends_on;    // first and last date
  int sessions = 1;
  std::string place;
  std::vector<std::string> audience;
  Reached reached;
  std::string description;
  std::string state;  // planned | done | cancelled
  std::optional<long long> created_by;
  long long created_at = 0, updated_at = 0;
  int version = 1;
  std::vector<Partner> partners;
  std::string organiser_name, type_name;  // filled for display
};

struct ActivityInput {
  std::string type_code;
  std::string title;
  std::vector<std::string> dates;
  std::string place;
  std::vector<std::string> audience;
  Reached reached;
  std::string description;
  std::string state = "done";
  std::vector<long long> partners;
  int version = 0;  // on update: the version read
};

struct ActivityFilter {
  std::optional<std::string> type_code, state, keyword, from, to;
  std::optional<int> measure;
  std::optional<long long> unit;       // organiser or partner
  bool awaiting_me = false;            // partner of the caller's unit, not yet confirmed
};
}  // namespace xt::alliance
