// The rules of 教联体 records: who forms one at which level, whom it may take in, one active
// alliance per level and anchor, and the status with its dated history.
//
// Level and anchor come from the creator's current unit: the city bureau forms the city's,
// a district bureau its district's, a school its own. Members come from the unit tree within
// reach: for a district's or a district school's alliance, the units of that district and
// the units directly under the city that are not schools (city departments, museums, venues);
// for the city's or a city-affiliated school's, any unit. The anchor is always a member, as
// 牵头 unless another lead is named.
#pragma once
#include <string>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "modules/alliance/alliances/model.hpp"
#include "modules/alliance/alliances/repo.hpp"

namespace xt::alliance {

inline constexpr const char* kListPerm = "alliance:alliance:list";
inline constexpr const char* kManagePerm = "alliance:alliance:manage";

// ApiError: 403 alliance.not_an_anchor (a unit that forms none), 409 alliance.already_active,
// 422 naming the field (name, founded_on, status, members[i]).
Alliance create_alliance(db::Conn& c, const app::Caller& who, const AllianceInput& in);
// 404 unless visible, 403 unless the caller manages it, 409 request.stale_version.
Alliance update_alliance(db::Conn& c, const app::Caller& who, long long id, const AllianceInput& in);
// preparing → formed | dissolved, formed → dissolved; `on` (YYYY-MM-DD, not in the future, not
// before the last change) is when it took effect. 409 alliance.bad_transition.
Alliance change_status(db::Conn& c, const app::Caller& who, long long id, const std::string& to, const std::string& on,
                       const std::string& note);
// With members (names filled), history and the anchor's name; 404 unless the caller sees it.
Alliance get_alliance(db::Conn& c, const access::Principal& p, long long id);
bool may_manage(db::Conn& c, const access::Principal& p, const Alliance& a);
repo::Page list_alliances(db::Conn& c, const access::Principal& p, const AllianceFilter& f, int page, int size);

// May a unit join an alliance anchored in `anchor_district` (0: the city's, or a
// city-affiliated school's, which take any unit)? Units of that district, and units directly
// under the city that are not schools or bureaus (departments, city museums and venues).
bool within_reach(long long anchor_district, long long member_district, const std::string& member_type);
// A contact phone: empty, or a number by the platform's rule.
bool contact_phone_ok(const std::string& s);

// "2026-12-03": today in Beijing.
std::string today();
}  // namespace xt::alliance
