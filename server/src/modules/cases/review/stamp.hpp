// The stamped scan (公章) of the summary table that a reviewing unit sends with its package:
// one PDF, JPEG or PNG per package, replaced until the package is sent.
#pragma once
#include "core/files/store.hpp"
#include "modules/cases/review/service.hpp"

namespace xt::cases {

struct StampFile {
  std::string sha256, type, name;
};

// temp_path is the streamed upload; on success it is moved into the store.
Package set_stamp(db::Conn& c, const Caller& who, long long call_id, const std::string& temp_path, const std::string& original_name,
                  files::Store& uploads);
// The reviewing unit reads its own scan; the city (cases:call:update) reads any unit's.
StampFile get_stamp(db::Conn& c, const access::Principal& p, long long call_id, long long review_unit_id);
}  // namespace xt::cases
