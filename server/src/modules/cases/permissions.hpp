// The permissions of the typical-case call, their built-in grants, the review_unit scope and
// the audit viewer's names for calls, cases and packages.
#pragma once

namespace xt::cases {
void register_permissions();
}  // namespace xt::cases
