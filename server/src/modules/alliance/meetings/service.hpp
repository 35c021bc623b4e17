// The rules of 会商: a member unit of an alliance records a consultation it convened, with
// attendee units and follow-up actions owned by member units; owners mark their actions done;
// an action past its due date reaches its owner and the convening unit as a notice, once.
#pragma once
#include <string>
#include <vector>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "modules/alliance/meetings/repo.hpp"

namespace xt::alliance {

struct ActionInput {
  std::string title;
  long long owner_unit_id = 0;
  std::string due_on;
};
struct MeetingInput {
  std::string held_on, topic, agenda, decisions;
  std::vector<long long> attendees;
  std::vector<ActionInput> actions;
};

// ApiError: 404 unless the alliance is visible; 403 alliance.not_a_member; 409 alliance.dissolved;
// 422 naming the field: meeting.due_before_meeting, meeting.not_a_member, request.bad_date,
// alliance.date_in_future…
Meeting record_meeting(db::Conn& c, const app::Caller& who, long long alliance_id, const MeetingInput& in);
Meeting get_meeting(db::Conn& c, const access::Principal& p, long long id);
std::vector<Meeting> meetings_of(db::Conn& c, const access::Principal& p, long long alliance_id);
// The owner unit marks it done; 403 meeting.not_owner, 409 meeting.action_done.
Action complete_action(db::Conn& c, const app::Caller& who, long long id, const std::string& note);
// Open actions the caller's unit owns or convened, soonest due first (names filled).
std::vector<Action> my_open_actions(db::Conn& c, const access::Principal& p);
// Notices for open actions past due (to the owner and the convening unit); the number sent.
int notify_overdue(db::Conn& c);
}  // namespace xt::alliance
