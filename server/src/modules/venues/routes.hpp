// HTTP routes of the students' sports map: the staff's pages (venues, closures, the calendar,
// school places, coverage, imports) and the public map's API (no login).
#pragma once
#include "core/app/app.hpp"

namespace xt::venues {
void register_permissions();
void register_routes(app::App& a);
void register_public_routes(app::App& a);
void register_import_routes(app::App& a);
}  // namespace xt::venues
