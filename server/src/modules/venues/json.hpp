// Venues as JSON: what the forms send (coordinates in the system they name, converted to WGS-84
// here) and what the pages read (the public one without the editors' bookkeeping).
#pragma once
#include <boost/json.hpp>

#include "modules/venues/atlas.hpp"
#include "modules/venues/model.hpp"

namespace xt::venues {
// Throws ApiError 400/422 naming the field. `version` is set when the body carries one.
Venue venue_from_json(const boost::json::value& body, long long* version = nullptr);
// A number (JSON number or numeric string) or 422 naming the field.
double number_field(const boost::json::object& o, const char* key, const char* label);
boost::json::object venue_json(const Venue& v, bool for_public);
boost::json::object code_list(const std::vector<Code>& codes);
boost::json::array points_json(const std::vector<geo::LonLat>& pts);
}  // namespace xt::venues
