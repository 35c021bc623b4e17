// HTTP routes of the city review: the city's pages (reviews, pool, assignment, results,
// publishing), the expert's workbench, and the public case library and certificate check.
#pragma once
#include "core/app/app.hpp"

namespace xt::review {
void register_permissions();
void register_routes(app::App& a);
// Split by audience (routes_*.cpp).
void register_expert_routes(app::App& a);
void register_result_routes(app::App& a);
void register_public_routes(app::App& a);
}  // namespace xt::review
