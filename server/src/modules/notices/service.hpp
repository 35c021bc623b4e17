// In-app notices (站内通知): other modules send them inside their own transaction; users read
// those addressed to their active unit (when they hold the notice's permission) or to them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"

namespace xt::notices {

struct Notice {
  long long id = 0;
  std::optional<long long> unit_id, user_id;
  std::optional<long long> cc_user_id;  // a unit notice that this person gets whatever unit they act for
  std::string perm;  // only members holding this permission see a unit notice; '' = every member
  std::string kind;  // e.g. cases.returned, cases.reminder
  std::string title, body, link;
  std::string dedupe_key;  // '' = none; a second notice with the same key is dropped
  long long created_at = 0;
  bool read = false;
};

// Inserts the notice in the caller's transaction. Returns false when dedupe_key already exists.
bool send(db::Conn& c, const Notice& n);

struct Listing {
  std::vector<Notice> items;
  long long total = 0;
  long long unread = 0;
};
Listing list(db::Conn& c, const access::Principal& p, bool unread_only, int page, int page_size);
long long unread_count(db::Conn& c, const access::Principal& p);
// Unread notices addressed to each of the person's units (as the members holding that
// membership's permissions would see them), for the unit switcher.
struct UnitUnread {
  long long membership_id = 0, unit_id = 0, unread = 0;
};
std::vector<UnitUnread> unread_by_membership(db::Conn& c, const access::Principal& p);
// Marks one notice read; 404 when it is not addressed to the principal.
void mark_read(db::Conn& c, const access::Principal& p, long long id);
long long mark_all_read(db::Conn& c, const access::Principal& p);
}  // namespace xt::notices
