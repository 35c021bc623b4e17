// The one rule for a file name a user gives (evidence, stamped scans, call attachments, any
// later upload): valid UTF-8, at most 100 characters, no control characters, no path parts,
// none of the characters Windows refuses in a name. Names that pass can be stored and shown;
// headers still encode them (exporting::attachment).
#pragma once
#include <string>

namespace xt::files {

constexpr size_t kMaxNameChars = 100;

// Throws ApiError 422 files.bad_name / request.too_long with field `field`; "" passes (the
// caller decides whether a name is required).
void check_name(const std::string& name, const std::string& field = "filename");
}  // namespace xt::files
