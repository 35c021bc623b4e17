#pragma once
#include "core/app/app.hpp"

namespace xt::alliance {
void register_file_routes(app::App& a);
}  // namespace xt::alliance
