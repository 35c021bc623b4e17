#include "modules/cases/review/workbench.hpp"

#include <algorithm>

#include "core/time/time.hpp"
#include "core/workbench/workbench.hpp"
#include "modules/cases/notify.hpp"
#include "modules/cases/calls/repo.hpp"
#include "modules/cases/writeups/repo.hpp"
#include "modules/cases/review/service.hpp"
#include "modules/cases/review/repo.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/writeups/service.hpp"
#include "modules/org/repo.hpp"
#include "modules/org/facts.hpp"

namespace xt::cases {
namespace {
using workbench::Card;
using workbench::Figure;
constexpr long long kDay = 24LL * 3600 * 1000;

std::string n(long long v) { return std::to_string(v); }

// "还有 12 天（12月20日截止）", "今天截止", "已截止"
Figure deadline_figure(const Call& call, long long now) {
  long long closes = call.closes_at();
  auto when = time::month_day(call.deadline_date) + "截止";
  if (now > closes) return {"截止时间", "已截止（" + when + "）", "", "danger"};
  long long days = (closes - now + kDay - 1) / kDay;
  if (days <= 1) return {"截止时间", "今天截止", "", "danger"};
  return {"截止时间", "还有 " + n(days) + " 天（" + when + "）", "", days <= 7 ? "warning" : ""};
}

std::string q(const Call& call) { return "?call=" + std::to_string(call.id); }

std::vector<Card> cards(db::Conn& c, const access::Principal& p, long long now) {
  std::vector<Card> out;
  auto unit = org::facts::unit(c, p.unit_id);
  if (!unit) return out;
  for (auto& call : visible_calls(c, p)) {
    if (call.status != "open") continue;
    // A unit that writes cases.
    if (p.can("cases:case:create") && unit_type_writes_cases(unit->type)) {
      Card k{"cases-mine-" + n(call.id), "典型案例征集 · " + call.title, {}, {}, "/cases/mine" + q(call), 10};
      auto allowed = std::find(call.rules.unit_types.begin(), call.rules.unit_types.end(), unit->type) != call.rules.unit_types.end();
      if (!allowed) {
        k.notes.push_back("本次征集不接受本单位这一类型的单位报送，本单位无需撰写。");
      } else {
        auto counts = repo::status_counts_of_owner(c, call.id, p.unit_id);
        auto at = [&](const char* s) { return counts.count(s) ? counts.at(s) : 0LL; };
        k.figures.push_back({"草稿", n(at("draft")), "/cases/mine" + q(call) + "&status=draft", ""});
        k.figures.push_back({"已报送待初评", n(at("submitted")), "/cases/mine" + q(call) + "&status=submitted", ""});
        k.figures.push_back({"被退回待修改", n(at("returned")), "/cases/mine" + q(call) + "&status=returned", at("returned") ? "danger" : ""});
        k.figures.push_back({"已推荐", n(at("recommended") + at("sent")), "/cases/mine" + q(call) + "&status=recommended", at("recommended") + at("sent") ? "success" : ""});
        try {
          auto quota = quota_of(c, call.id, p.unit_id);
          k.figures.push_back({quota.kind == "school" ? "本校名额" : "所在区县名额", n(quota.used) + " / " + n(quota.quota), "", quota.remaining ? "" : "warning"});
        } catch (const ApiError&) {
        }
        k.figures.push_back(deadline_figure(call, now));
        if (auto r = repo::latest_returned(c, call.id, p.unit_id)) {
          auto& [id, title, comment] = *r;
          k.notes.push_back("《" + title + "》被退回，修改意见：" + comment);
          k.link = "/cases/" + n(id) + "/edit";
        }
      }
      out.push_back(std::move(k));
    }
    // A unit that pre-reviews (district bureau, 局属 school, the city for units directly under it).
    if (p.can("cases:case:review") && unit_pre_reviews(unit->type, unit->city_affiliated)) {
      auto pk = package_of(c, call.id, p.unit_id);
      auto pending = review_repo::count_submitted(c, call.id, p.unit_id);
      Card r{"cases-review-" + n(call.id), "初评与推荐 · " + call.title, {}, {}, "/cases/review" + q(call), 20};
      r.figures.push_back({"待初评", n(pending), "/cases/review" + q(call) + "&status=submitted", pending ? "warning" : ""});
      r.figures.push_back({"已推荐", n((long long)pk.rows.size()) + " / " + n(pk.quota), "/cases/review" + q(call) + "&status=recommended", ""});
      if (pk.sent_at) r.figures.push_back({"推荐材料", pk.self_review ? "初评已完成" : "已报送市教育局", "/cases/review" + q(call), "success"});
      else r.figures.push_back({"推荐材料", pk.self_review ? "初评未完成" : "尚未报送", "/cases/review" + q(call), ""});
      r.figures.push_back(deadline_figure(call, now));
      if (!pk.sent_at && !pk.self_review && pk.stamp_name.empty() && !pk.rows.empty()) r.notes.push_back("报送前还需上传加盖公章的汇总表扫描件。");
      out.push_back(std::move(r));
    }
    // The bureau that published the call.
    if (p.can("cases:call:update") && call.owner_unit_id == p.unit_id) {
      long long drafts = 0, submitted = 0, recommended = 0, sent = 0, units = 0, arrived = 0;
      for (auto& row : board(c, call.id)) {
        auto& o = row.as_object();
        drafts += o.at("draft").as_int64();
        submitted += o.at("submitted").as_int64();
        recommended += o.at("recommended").as_int64();
        sent += o.at("sent").as_int64();
        ++units;
        if (!o.at("package_sent_at").is_null()) ++arrived;
      }
      Card b{"cases-board-" + n(call.id), "征集进度 · " + call.title, {}, {}, "/cases/board" + q(call), 5};
      b.figures.push_back({"撰写中", n(drafts), "/cases/board" + q(call), ""});
      b.figures.push_back({"待初评", n(submitted), "/cases/board" + q(call), ""});
      b.figures.push_back({"已推荐", n(recommended + sent), "/cases/board" + q(call), ""});
      b.figures.push_back({"推荐材料已送达", n(arrived) + " / " + n(units), "/cases/board" + q(call), arrived == units && units ? "success" : ""});
      b.figures.push_back(deadline_figure(call, now));
      out.push_back(std::move(b));
    }
  }
  return out;
}
}  // namespace

void register_workbench() { workbench::register_provider("cases", cards); }
}  // namespace xt::cases
