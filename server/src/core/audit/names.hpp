// Names for the audit viewer: each module says how to name its objects (a case by its title, a
// role by its name), so the log shows 《家长夜校》 and 历下区教育局, not case 12 and unit 3. The
// audit trail itself keeps ids; names are looked up when it is read.
#pragma once
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/db/db.hpp"

namespace xt::audit {

// ids → names for one object type; ids not found are left out.
using Namer = std::function<std::map<std::string, std::string>(db::Conn&, const std::vector<std::string>& ids)>;

void register_namer(const std::string& object_type, Namer n);
// The names of the given objects, by type then id.
std::map<std::string, std::map<std::string, std::string>> names_of(db::Conn& c,
                                                                  const std::map<std::string, std::vector<std::string>>& ids_by_type);
// Numeric ids only (the rest are ignored), for namers that bind them.
std::vector<long long> numeric_ids(const std::vector<std::string>& ids);
// Runs `select_where_id` ("SELECT id, name FROM t WHERE id") with " IN (ids)" appended; id → name.
std::map<std::string, std::string> names_by_id(db::Conn& c, const std::string& select_where_id, const std::vector<long long>& ids);
}  // namespace xt::audit
