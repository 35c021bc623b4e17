#include "modules/cases/review/stamp_repo.hpp"

namespace xt::cases::files_repo {
using db::Query;

void upsert_stamp(db::Conn& c, long long call_id, long long unit, const std::string& sha, const std::string& type, const std::string& name,
                  long long size, long long now) {
  Query q("INSERT INTO case_packages (call_id, review_unit_id, updated_at, stamp_sha256, stamp_type, stamp_name, stamp_size, stamp_at) VALUES (");
  q << q.bind(call_id) << ", " << q.bind(unit) << ", " << q.bind(now) << ", " << q.bind(sha) << ", " << q.bind(type) << ", " << q.bind(name)
    << ", " << q.bind(size) << ", " << q.bind(now)
    << ") ON CONFLICT (call_id, review_unit_id) DO UPDATE SET stamp_sha256 = excluded.stamp_sha256, stamp_type = excluded.stamp_type, "
    << "stamp_name = excluded.stamp_name, stamp_size = excluded.stamp_size, stamp_at = excluded.stamp_at, updated_at = excluded.updated_at";
  c.exec(q);
}

std::optional<StampFile> find_stamp(db::Conn& c, long long call_id, long long unit) {
  Query q("SELECT stamp_sha256, stamp_type, stamp_name FROM case_packages WHERE call_id = ");
  q << q.bind(call_id) << " AND review_unit_id = " << q.bind(unit) << " AND stamp_sha256 IS NOT NULL";
  if (auto r = c.row(q)) return StampFile{r->str(0), r->str(1), r->str(2)};
  return std::nullopt;
}
}  // namespace xt::cases::files_repo
