// SQL of the stamped scan of a reviewing unit's summary table.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "modules/cases/review/stamp.hpp"

namespace xt::cases::files_repo {
void upsert_stamp(db::Conn& c, long long call_id, long long unit, const std::string& sha256, const std::string& type,
                  const std::string& name, long long size, long long now);
std::optional<StampFile> find_stamp(db::Conn& c, long long call_id, long long unit);
}  // namespace xt::cases::files_repo
