#pragma once
#include "core/app/app.hpp"

namespace xt::alliance {
void register_activity_permissions();
void register_activity_routes(app::App& a);
}  // namespace xt::alliance
