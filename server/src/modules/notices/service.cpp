#include "modules/notices/service.hpp"

#include <algorithm>

#include "core/http/errors.hpp"
#include "modules/notices/repo.hpp"
#include "modules/org/repo.hpp"

namespace xt::notices {

bool send(db::Conn& c, const Notice& n) {
  if (!n.unit_id && !n.user_id) throw std::logic_error("notice without recipient");
  if (n.title.empty()) throw std::logic_error("notice without title");
  return repo::insert(c, n, n.created_at ? n.created_at : db::now_ms());
}

Listing list(db::Conn& c, const access::Principal& p, bool unread_only, int page, int page_size) {
  page = std::max(1, page);
  page_size = std::clamp(page_size, 1, 100);
  Listing l;
  l.items = repo::page(c, p, unread_only, (long long)(page - 1) * page_size, page_size);
  l.total = repo::count(c, p, unread_only);
  l.unread = unread_only ? l.total : repo::count(c, p, true);
  return l;
}

long long unread_count(db::Conn& c, const access::Principal& p) { return repo::count(c, p, true); }

std::vector<UnitUnread> unread_by_membership(db::Conn& c, const access::Principal& p) {
  std::vector<UnitUnread> out;
  for (auto& m : org::repo::memberships_of(c, p.user_id))
    out.push_back({m.id, m.unit_id, repo::unread_for_unit(c, p.user_id, m.unit_id, org::repo::permission_codes_of_membership(c, m.id))});
  return out;
}

void mark_read(db::Conn& c, const access::Principal& p, long long id) {
  if (!repo::is_visible(c, p, id)) throw not_found("notices.not_found", "通知不存在");
  repo::mark_read(c, id, p.user_id, db::now_ms());
}

long long mark_all_read(db::Conn& c, const access::Principal& p) { return repo::mark_all_read(c, p, db::now_ms()); }
}  // namespace xt::notices
