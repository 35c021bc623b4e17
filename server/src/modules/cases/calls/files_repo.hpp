// SQL of the attachments of a call's notice.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "modules/cases/calls/files.hpp"

namespace xt::cases::files_repo {
std::vector<CallFile> call_files_of(db::Conn& c, long long call_id);
std::optional<CallFile> find_call_file(db::Conn& c, long long id);
long long insert_call_file(db::Conn& c, const CallFile& f, long long creator);
// Removes one and numbers the rest of the call's attachments 1..n.
void delete_call_file(db::Conn& c, const CallFile& f);
}  // namespace xt::cases::files_repo
