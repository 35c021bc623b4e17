// SQL of alliances, their members and status history.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"
#include "modules/alliance/alliances/model.hpp"

namespace xt::alliance::repo {

// Without members and history.
std::optional<Alliance> find(db::Conn& c, long long id);
std::vector<Member> members(db::Conn& c, long long id);
std::vector<StatusChange> history(db::Conn& c, long long id);
// The alliance not dissolved at this level for this anchor, if any.
std::optional<long long> active_for(db::Conn& c, long long anchor_unit_id, const std::string& level);
bool is_member(db::Conn& c, long long alliance_id, long long unit_id);
// Names by id, in one query (the audit log's).
std::map<std::string, std::string> names(db::Conn& c, const std::vector<long long>& ids);

long long insert(db::Conn& c, const Alliance& a);
// Only when the stored version is `version`; false otherwise.
bool update(db::Conn& c, long long id, int version, const AllianceInput& in, long long now);
void set_founded_on(db::Conn& c, long long id, const std::string& date);
bool set_status(db::Conn& c, long long id, const std::string& from, const std::string& to, long long now);
void replace_members(db::Conn& c, long long id, const std::vector<Member>& members);
void add_history(db::Conn& c, long long id, const StatusChange& s);

// A page of what the principal sees: alliances anchored in its data scope of `perm`, and
// those its own unit belongs to. Newest first.
struct Page {
  std::vector<Alliance> items;
  long long total = 0;
};
Page list(db::Conn& c, const access::Principal& p, const std::string& perm, const AllianceFilter& f, int page, int size);
// Members per alliance, for a page.
std::vector<std::pair<long long, long long>> member_counts(db::Conn& c, const std::vector<long long>& ids);
}  // namespace xt::alliance::repo
