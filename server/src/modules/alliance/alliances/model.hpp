// A 教联体 and its members, as stored.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace xt::alliance {

struct Member {
  long long unit_id = 0;
  std::string role = "member";  // lead | member
  std::string contact_name, contact_phone, contribution;
  std::string unit_name;  // filled for display
};

struct StatusChange {
  std::string status, effective_on, note;
  std::optional<long long> changed_by;
  long long changed_at = 0;
};

struct Alliance {
  long long id = 0;
  std::string level;  // city | district | school
  long long anchor_unit_id = 0;
  std::string name;
  std::optional<std::string> founded_on;
  std::string status;  // preparing | formed | dissolved
  std::string note;
  std::optional<long long> created_by;
  long long created_at = 0, updated_at = 0;
  int version = 1;
  std::vector<Member> members;
  std::vector<StatusChange> history;
  std::string anchor_name;  // filled for display
};

struct AllianceInput {
  std::string name;
  std::optional<std::string> founded_on;
  std::string status = "preparing";  // on creation: preparing or formed
  std::string note;
  std::vector<Member> members;
  int version = 0;  // on update: the version read
};

struct AllianceFilter {
  std::optional<std::string> level, status, keyword;
};
}  // namespace xt::alliance
