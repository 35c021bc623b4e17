#pragma once
#include "core/app/app.hpp"

namespace xt::alliance {
void register_import_permissions();
void register_import_routes(app::App& a);
}  // namespace xt::alliance
