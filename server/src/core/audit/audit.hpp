// Append-only audit trail: every write, login, permission change and export; each row
// carries SHA-256 over the previous row's hash and its own fields.
#pragma once
#include <boost/json.hpp>
#include <optional>
#include <string>

#include "core/db/db.hpp"

namespace xt::audit {

struct Actor {
  std::optional<long long> user_id;
  std::string username;
  std::optional<long long> unit_id;
  std::string unit_name;
  std::string ip;
  std::string request_id;
};

struct Event {
  std::string action;       // e.g. "org:user:create", "auth:login"
  std::string object_type;  // e.g. "user"
  std::string object_id;
  std::string result = "success";  // or "failure"
  std::string error_code;
  boost::json::object detail;      // {"field": [before, after]} or free facts
};

// How many audit rows this thread has written: the request pipeline compares it before and
// after a handler, so a request whose service wrote its own row gets no generic one (routes
// need not remember to say so).
long long written_on_this_thread();

// Records a change of one field when before != after. Never pass secrets.
void change(Event& e, const std::string& field, const boost::json::value& before, const boost::json::value& after);
inline void change(Event& e, const std::string& field, const std::string& before, const std::string& after) {
  change(e, field, boost::json::value(before), boost::json::value(after));
}
inline void change(Event& e, const std::string& field, const std::string& before, std::nullptr_t) {
  change(e, field, boost::json::value(before), boost::json::value(nullptr));
}
inline void change(Event& e, const std::string& field, std::nullptr_t, const std::string& after) {
  change(e, field, boost::json::value(nullptr), boost::json::value(after));
}

// Writes inside the caller's (write) transaction, so a failed audit fails the operation.
void record(db::Conn& c, const Actor& a, const Event& e);

struct Verify {
  bool ok = true;
  long long rows = 0;
  std::optional<long long> first_broken_id;
};
Verify verify(db::Conn& c);

std::string row_hash(const std::string& prev, long long at, const Actor& a, const Event& e, const std::string& detail);
}  // namespace xt::audit
