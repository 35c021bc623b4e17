// 会商 meetings and their follow-up actions, as stored.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"

namespace xt::alliance {

struct Action {
  long long id = 0, meeting_id = 0;
  std::string title;
  long long owner_unit_id = 0;
  std::string due_on;
  std::string status = "open";  // open | done
  std::string done_note;
  std::optional<long long> done_at, done_by;
  std::string owner_name;  // filled for display
  // of its meeting, for lists of actions
  long long alliance_id = 0, convener_unit_id = 0;
  std::string topic, held_on;
};

struct Meeting {
  long long id = 0, alliance_id = 0;
  std::string held_on;
  long long convener_unit_id = 0;
  std::string topic, agenda, decisions;
  std::optional<long long> created_by;
  long long created_at = 0;
  std::vector<long long> attendees;
  std::vector<Action> actions;
  std::string convener_name;                 // filled for display
  std::vector<std::string> attendee_names;   // filled for display
};

namespace meeting_repo {
std::optional<Meeting> find(db::Conn& c, long long id);  // with attendees and actions
std::vector<Meeting> of_alliance(db::Conn& c, long long alliance_id);  // newest first, with attendees and actions
long long insert(db::Conn& c, const Meeting& m);  // attendees and actions too
std::optional<Action> action(db::Conn& c, long long id);
bool mark_done(db::Conn& c, long long id, const std::string& note, long long user, long long now);
// Open actions of a unit, soonest due first.
std::vector<Action> open_actions_of(db::Conn& c, long long unit_id, int limit);
// Open actions due before `today` not yet noticed as overdue, marked noticed.
std::vector<Action> take_overdue(db::Conn& c, const std::string& today, int limit);
std::map<std::string, std::string> topics(db::Conn& c, const std::vector<long long>& ids);
}  // namespace meeting_repo
}  // namespace xt::alliance
