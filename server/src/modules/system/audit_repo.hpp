// Reading the audit log (the audit admin's viewer). SQL only.
#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/app/app.hpp"
#include "core/db/db.hpp"

namespace xt::sys::auditlog {
struct Filter {
  std::string username, action, result;
  std::string user;  // username or name, in part (the person's own rows, by user id or username)
  std::optional<long long> from, to;
};
Filter filter_from(const http::Request& r);
std::pair<boost::json::array, long long> list(db::Conn& c, const Filter& f, const app::Page& pg);
}  // namespace xt::sys::auditlog
