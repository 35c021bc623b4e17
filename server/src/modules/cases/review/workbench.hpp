// What the typical-case call puts on each person's 工作台: a submitting unit's cases (with what
// was returned and why), a reviewing unit's 待初评 and package, the publishing bureau's progress.
#pragma once

namespace xt::cases {
void register_workbench();
}  // namespace xt::cases
