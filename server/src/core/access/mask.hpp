// Field masking decided by permission, applied in one place (the request pipeline, from
// Route::masks): a masked value keeps just enough to be recognized (138****5678, 3701**********1234,
// 张*), and the caller who holds the field's unmask permission sees it whole.
#pragma once
#include <boost/json.hpp>

#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/http/router.hpp"

namespace xt::access {

// "phone": the first 3 and last 4 digits kept; "id_card": the first 4 and last 4; "name": the
// first character; "all" (or an unknown kind): every character. Counted in characters (UTF-8).
std::string mask_value(const std::string& value, const std::string& how);

// The fields the principal may not see whole.
std::vector<http::MaskedField> masked_for(const Principal& p, const std::vector<http::MaskedField>& fields);

// Masks every string value under one of the fields' names, at any depth (objects inside arrays
// inside objects …). Returns how many values were masked.
int apply_masks(boost::json::value& v, const std::vector<http::MaskedField>& fields);
}  // namespace xt::access
