// The JSON of a unit, shared by the routes and the in-memory directory (which keeps it rendered).
#pragma once
#include <boost/json.hpp>

#include "modules/org/model.hpp"

namespace xt::org {
boost::json::object unit_json(const Unit& u);
}  // namespace xt::org
