#include "modules/cases/notify.hpp"

#include "core/time/time.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/cases/review/repo.hpp"
#include "modules/notices/service.hpp"

namespace xt::cases {


void notify_review(db::Conn& c, const Case& k, const std::string& to, const std::string& note) {
  notices::Notice n;
  n.unit_id = k.owner_unit_id;
  n.perm = "cases:case:update";
  n.cc_user_id = k.creator_id;  // the writer hears of it whatever unit they are acting for
  n.link = "/cases/" + std::to_string(k.id) + "/edit";
  if (to == "returned") {
    n.kind = "cases.returned";
    n.title = "案例《" + k.title + "》被退回修改";
    n.body = "修改意见：" + note;
  } else if (to == "rejected") {
    n.kind = "cases.rejected";
    n.title = "案例《" + k.title + "》未获推荐";
    n.body = "理由：" + note;
  } else if (to == "recommended") {
    n.kind = "cases.recommended";
    n.title = "案例《" + k.title + "》已被推荐";
    n.body = "初评单位已将该案例列入推荐名单。";
  } else {
    return;
  }
  notices::send(c, n);
}

void notify_package_sent(db::Conn& c, const Call& call, long long review_unit_id, const std::string& review_unit_name, size_t cases) {
  notices::Notice n;
  n.unit_id = call.owner_unit_id;
  n.perm = "cases:call:update";
  n.kind = "cases.package_sent";
  n.title = review_unit_name + "已报送推荐材料";
  n.body = "《" + call.title + "》：推荐" + std::to_string(cases) + "个案例，附汇总表。";
  n.link = "/cases/board?call=" + std::to_string(call.id);
  n.dedupe_key = "cases:package:" + std::to_string(call.id) + ":" + std::to_string(review_unit_id);
  notices::send(c, n);
}

namespace {
constexpr long long kDay = 24LL * 3600 * 1000;

// The tightest reminder window `left` falls in: 1 (≤1 day), 7 (≤7 days) or 0 (none).
int window_days(long long left) { return left <= 0 ? 0 : left <= kDay ? 1 : left <= 7 * kDay ? 7 : 0; }

int remind_call(db::Conn& c, const Call& call, int window, int days) {
  int sent = 0;
  auto when = time::month_day(call.deadline_date);
  auto prefix = "cases:remind:" + std::to_string(call.id) + ":" + std::to_string(window) + ":";
  // Units with cases still in draft or returned.
  for (auto& [unit, unsent] : review_repo::unsent_by_owner(c, call.id)) {
    notices::Notice n;
    n.unit_id = unit;
    n.perm = "cases:case:submit";
    n.kind = "cases.reminder";
    n.title = "《" + call.title + "》将于" + when + "截止（还有" + std::to_string(days) + "天）";
    n.body = "本单位还有" + std::to_string(unsent) + "个案例尚未报送。";
    n.link = "/cases/mine";
    n.dedupe_key = prefix + "unit:" + std::to_string(n.unit_id.value());
    sent += notices::send(c, n) ? 1 : 0;
  }
  // Reviewing units whose package has not gone to the city.
  for (auto& [unit, pending] : review_repo::unsent_packages(c, call.id)) {
    notices::Notice n;
    n.unit_id = unit;
    n.perm = "cases:case:review";
    n.kind = "cases.reminder";
    n.title = "《" + call.title + "》推荐材料将于" + when + "截止报送（还有" + std::to_string(days) + "天）";
    n.body = (pending > 0 ? "还有" + std::to_string(pending) + "个案例待初评；" : std::string()) + "推荐材料尚未报送市教育局。";
    n.link = "/cases/review?call=" + std::to_string(call.id);
    n.dedupe_key = prefix + "review:" + std::to_string(n.unit_id.value());
    sent += notices::send(c, n) ? 1 : 0;
  }
  return sent;
}
}  // namespace

int remind_deadlines(db::Conn& c, long long now) {
  int sent = 0;
  for (auto& call : repo::list_calls(c)) {
    if (call.status != "open") continue;
    long long left = call.deadline_at - now;
    int window = window_days(left);
    if (window == 0) continue;
    db::Tx tx(c, true);
    sent += remind_call(c, call, window, (int)((left + kDay - 1) / kDay));
    tx.commit();
  }
  return sent;
}
}  // namespace xt::cases
