#pragma once

namespace xt::alliance {
// Registers the 教联体 card of the 工作台.
void register_workbench();
}  // namespace xt::alliance
