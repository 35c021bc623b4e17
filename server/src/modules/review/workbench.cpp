#include "modules/review/workbench.hpp"

#include "core/workbench/workbench.hpp"
#include "modules/cases/facts.hpp"
#include "modules/review/repo.hpp"
#include "modules/review/reviews.hpp"

namespace xt::review {
namespace {
using workbench::Card;

std::vector<Card> cards(db::Conn& c, const access::Principal& p, long long now) {
  std::vector<Card> out;
  if (p.can(kScorePerm)) {
    auto reviews = repo::reviews_of_expert(c, p.user_id);
    auto as = repo::assignments_of_user(c, p.user_id, reviews);
    if (!as.empty()) {
      long long done = 0;
      for (auto& a : as) done += a.submitted_at ? 1 : 0;
      Card k{"review-mine", "市级评审 · 我的评审任务", {}, {}, "/review/mine", 5};
      k.figures.push_back({"待评审", std::to_string(as.size() - done), "/review/mine", as.size() > (size_t)done ? "warning" : "success"});
      k.figures.push_back({"已提交", std::to_string(done), "/review/mine", ""});
      if (auto r = repo::find_review(c, as.front().review_id)) k.figures.push_back({"截止日期", r->ends_on, "", now > ends_at(*r) ? "danger" : ""});
      out.push_back(std::move(k));
    }
  }
  if (p.can(kManagePerm)) {
    for (auto& r : repo::list_reviews(c)) {
      if (r.status == "published") continue;
      auto call = cases::facts::call(c, r.call_id);
      auto as = repo::assignments(c, r.id);
      long long done = 0;
      for (auto& a : as) done += a.submitted_at ? 1 : 0;
      Card k{"review-" + std::to_string(r.id), "市级评审 · " + (call ? call->title : std::string()), {}, {}, "/review/reviews?id=" + std::to_string(r.id), 6};
      k.figures.push_back({"已提交评分", std::to_string(done) + " / " + std::to_string(as.size()), "/review/reviews?id=" + std::to_string(r.id), ""});
      k.figures.push_back({"状态", r.status == "open" ? "评分中" : "评分已结束，待发布", "", r.status == "open" ? "" : "warning"});
      out.push_back(std::move(k));
    }
  }
  return out;
}
}  // namespace

void register_workbench() { workbench::register_provider("review", cards); }
}  // namespace xt::review
