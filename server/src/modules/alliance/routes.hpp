// HTTP routes of the 教联体 work platform.
#pragma once
#include "core/app/app.hpp"

namespace xt::alliance {
void register_permissions();
void register_routes(app::App& a);
}  // namespace xt::alliance
