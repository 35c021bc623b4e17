// JSON forms of the call rules and the case content (stored as JSON text, sent as JSON).
#pragma once
#include <boost/json.hpp>

#include "core/json/json.hpp"
#include "modules/cases/model.hpp"

namespace xt::cases {
boost::json::object to_json(const Rules& r);
Rules rules_from(const boost::json::value& v);  // 422 on bad values
boost::json::object to_json(const Content& c);
Content content_from(const boost::json::value& v);
Rules qingdao_template();
boost::json::object to_json(const DocFormat& d);
// Fonts a call's document format may name (the 公文 fonts; issue 5 maps them to installed ones).
const std::vector<std::string>& document_fonts();
}  // namespace xt::cases
