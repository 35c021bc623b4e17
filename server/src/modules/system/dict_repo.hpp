// Dictionaries (code tables): unit types, school stages, statuses. SQL only.
#pragma once
#include <boost/json.hpp>
#include <string>

#include "core/db/db.hpp"

namespace xt::sys::dict {
bool has(db::Conn& c, const std::string& type, const std::string& value);  // active items only
bool value_taken(db::Conn& c, const std::string& type, const std::string& value);  // any status
std::string label(db::Conn& c, const std::string& type, const std::string& value);
boost::json::array all(db::Conn& c);
void ensure_builtin(db::Conn& c);  // inserts missing built-in types and items
std::optional<boost::json::object> find_item(db::Conn& c, long long id);
long long insert_item(db::Conn& c, const std::string& type, const std::string& value, const std::string& label, int sort, const std::string& status);
void update_item(db::Conn& c, long long id, const std::string& label, int sort, const std::string& status);
void delete_item(db::Conn& c, long long id);
bool type_exists(db::Conn& c, const std::string& type);
}  // namespace xt::sys::dict
