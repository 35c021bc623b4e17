// The 工作台 (home page): each module registers what concerns a signed-in person as cards of
// numbers, each number linking to the list behind it. Nothing here knows a business word; the
// modules decide what to show and to whom.
#pragma once
#include <boost/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"

namespace xt::workbench {

struct Figure {
  std::string label;
  std::string value;  // a number or a short text ("还有 12 天")
  std::string link;   // the list behind it ("" when none)
  std::string tone;   // "", "warning", "danger", "success"
};

struct Card {
  std::string key;    // stable, for tests and the page
  std::string title;
  std::vector<Figure> figures;
  std::vector<std::string> notes;  // plain sentences (a returned case's comment)
  std::string link;   // the page the card opens
  int order = 0;
};

using Provider = std::function<std::vector<Card>(db::Conn&, const access::Principal&, long long now_ms)>;

void register_provider(const std::string& key, Provider p);
// Every registered provider's cards for the principal, ordered.
std::vector<Card> cards_for(db::Conn& c, const access::Principal& p, long long now_ms);
boost::json::object to_json(const Card& c);
}  // namespace xt::workbench
