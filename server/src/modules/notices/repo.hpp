// SQL of in-app notices.
#pragma once
#include "modules/notices/service.hpp"

namespace xt::notices::repo {
bool insert(db::Conn& c, const Notice& n, long long now);
// Restricts to notices addressed to the principal (alias n).
db::Query visible(const access::Principal& p);
std::vector<Notice> page(db::Conn& c, const access::Principal& p, bool unread_only, long long offset, int limit);
long long count(db::Conn& c, const access::Principal& p, bool unread_only);
// Unread unit notices of one unit for a member holding `codes` (personal ones left out).
long long unread_for_unit(db::Conn& c, long long user_id, long long unit_id, const std::vector<std::string>& codes);
bool is_visible(db::Conn& c, const access::Principal& p, long long id);
void mark_read(db::Conn& c, long long id, long long user_id, long long now);
long long mark_all_read(db::Conn& c, const access::Principal& p, long long now);
}  // namespace xt::notices::repo
