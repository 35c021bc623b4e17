// Login, logout, password change and switching the active membership.
#pragma once
#include <string>

#include "core/app/app.hpp"

namespace xt::account {

struct LoginResult {
  long long user_id = 0;
  long long membership_id = 0;
  std::string token, csrf;
  bool must_change_password = false;
};

// Throws ApiError: 401 auth.bad_credentials, 423 auth.locked, 429 auth.throttled, 403 auth.demo_disabled.
LoginResult login(app::App& a, db::Conn& c, const std::string& username, const std::string& password, const audit::Actor& actor,
                  const std::string& user_agent);
void change_password(app::App& a, db::Conn& c, const access::Principal& p, const audit::Actor& actor, const std::string& old_pw,
                     const std::string& new_pw, const std::string& keep_session_hash);
void switch_membership(app::App& a, db::Conn& c, const auth::Resolved& s, const audit::Actor& actor, long long membership_id);
boost::json::object me_json(db::Conn& c, const access::Principal& p, const std::string& csrf);
}  // namespace xt::account
