// SQL of the calls (征集活动) of the typical-case call.
#pragma once
#include <map>
#include <optional>
#include <vector>

#include "core/db/db.hpp"
#include "modules/cases/model.hpp"

namespace xt::cases::repo {
long long insert_call(db::Conn& c, const Call& call, long long owner_unit, long long creator);
void update_call(db::Conn& c, const Call& call);
std::optional<Call> find_call(db::Conn& c, long long id);
std::vector<Call> list_calls(db::Conn& c);
void lock_call(db::Conn& c, long long id);  // serialises submissions to one call

// The notice's attachments of `from` become those of `to` (same stored files).
void copy_call_files(db::Conn& c, long long from, long long to, long long creator);
// Calls by id, by their title (audit viewer).
std::map<std::string, std::string> call_titles(db::Conn& c, const std::vector<long long>& ids);
}  // namespace xt::cases::repo
