#pragma once
#include "core/app/app.hpp"

namespace xt::alliance {
void register_dashboard_permissions();
void register_dashboard_routes(app::App& a);
}  // namespace xt::alliance
