#pragma once
#include "core/app/app.hpp"

namespace xt::alliance {
void register_meeting_permissions();
void register_meeting_routes(app::App& a);
}  // namespace xt::alliance
