// JSON forms of the review's structs, shared by its route files.
#pragma once
#include <boost/json.hpp>

#include "modules/review/model.hpp"
#include "modules/review/pool.hpp"

namespace xt::review {
boost::json::object review_json(const Review& r, const std::string& call_title);
boost::json::object expert_json(const Expert& e);
boost::json::object pool_json(const PoolEntry& p);
std::vector<std::string> string_list(const boost::json::value* v, const char* field, const char* label, size_t max_items);
}  // namespace xt::review
