#include "modules/review/library/library.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <set>

#include "core/db/versioned_cache.hpp"
#include "core/json/json.hpp"
#include "modules/org/directory.hpp"
#include "modules/org/facts.hpp"
#include "modules/review/repo.hpp"
#include "modules/system/dict_repo.hpp"

namespace xt::review {
namespace {
std::string lower_ascii(std::string s) {
  for (auto& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
  return s;
}

// The first `n` characters of UTF-8 text.
std::string first_chars(const std::string& s, size_t n, size_t from = 0) {
  size_t i = from, count = 0;
  while (i < s.size() && count < n) {
    unsigned char ch = s[i];
    i += ch < 0x80 ? 1 : ch < 0xE0 ? 2 : ch < 0xF0 ? 3 : 4;
    ++count;
  }
  return s.substr(from, std::min(i, s.size()) - from);
}

std::shared_ptr<const Library> build(db::Conn& c) {
  auto lib = std::make_shared<Library>();
  auto tree = org::directory::current(c);
  std::set<int> years;
  std::set<std::string> districts, forms, topics, types;
  std::map<std::string, std::string> type_labels;  // read once per type, not once per case
  for (auto& r : repo::published_reviews(c)) {
    auto call = cases::facts::call(c, r.call_id);
    if (!call) continue;
    std::vector<long long> ids;
    for (auto& d : repo::decisions(c, r.id))
      if (d.decision == "selected") ids.push_back(d.case_id);
    if (ids.empty()) continue;
    auto sent = cases::facts::sent_cases(c, r.call_id, ids);
    std::vector<long long> owners;
    for (auto& s : sent) owners.push_back(s.k.owner_unit_id);
    auto units = org::facts::units(c, owners);
    for (auto& s : sent) {
      LibraryCase x;
      x.case_id = s.k.id;
      x.year = std::atoi(call->deadline_date.substr(0, 4).c_str());
      x.call_title = call->title;
      x.title = s.k.title;
      x.unit_name = s.k.owner_unit_name;
      if (auto it = units.find(s.k.owner_unit_id); it != units.end()) {
        x.unit_type = it->second.type;
        auto [label, fresh] = type_labels.try_emplace(x.unit_type);
        if (fresh) label->second = sys::dict::label(c, "unit_type", x.unit_type);
        x.unit_type_label = label->second;
      }
      if (auto* u = tree->find(s.k.owner_unit_id)) {
        long long d = tree->district_of(*u);
        auto* du = d ? tree->find(d) : nullptr;
        x.district = du ? du->name : "市直";
        // "历下区教育局" → "历下区": the district, not its bureau.
        const std::string suffix = "教育局";
        if (x.district.size() > suffix.size() && x.district.compare(x.district.size() - suffix.size(), suffix.size(), suffix) == 0)
          x.district.resize(x.district.size() - suffix.size());
      } else {
        x.district = "市直";
      }
      for (auto& p : s.k.content.partners) x.partners.push_back(p.name);
      x.topics = s.k.content.topics;
      x.form = s.k.content.form;
      x.practice_start = s.k.content.practice_start;
      x.still_running = s.k.content.still_running;
      for (auto& sec : call->rules.sections)
        for (auto& [key, text] : s.k.content.sections)
          if (key == sec.key && !text.empty()) x.sections.push_back({sec.group.empty() ? sec.heading : sec.group + " " + sec.heading, text});
      if (!x.sections.empty()) x.excerpt = first_chars(x.sections.front().second, 120);
      std::string hay = x.title + "\n" + x.unit_name + "\n" + x.form + "\n";
      for (auto& p : x.partners) hay += p + "\n";
      for (auto& t : x.topics) hay += t + "\n";
      for (auto& [h, t] : x.sections) hay += t + "\n";
      x.haystack = lower_ascii(hay);
      for (auto& e : cases::facts::evidence(c, s.k.id))
        if (e.is_public) x.evidence.push_back({e.id, e.seq, e.pages, e.name, e.sha256});
      x.call = *call;
      x.k = s.k;
      x.k.content.authors.clear();
      x.k.content.contact_name.clear();
      x.k.content.contact_phone.clear();
      years.insert(x.year);
      districts.insert(x.district);
      if (!x.form.empty()) forms.insert(x.form);
      for (auto& t : x.topics) topics.insert(t);
      if (!x.unit_type.empty() && !types.count(x.unit_type)) {
        types.insert(x.unit_type);
        lib->unit_types.push_back({x.unit_type, x.unit_type_label});
      }
      lib->cases.push_back(std::move(x));
    }
  }
  std::stable_sort(lib->cases.begin(), lib->cases.end(), [](auto& a, auto& b) {
    if (a.year != b.year) return a.year > b.year;
    if (a.district != b.district) return a.district < b.district;
    return a.title < b.title;
  });
  lib->years.assign(years.rbegin(), years.rend());
  lib->districts.assign(districts.begin(), districts.end());
  lib->forms.assign(forms.begin(), forms.end());
  lib->topics.assign(topics.begin(), topics.end());
  return lib;
}

std::mutex mu;
struct Held {
  unsigned long long database = 0;
  long long v1 = -1, v2 = -1;
  std::shared_ptr<const Library> lib;
  std::chrono::steady_clock::time_point checked{};
};
// The versions are read at most once a second: the public pages are served without a database
// round trip in between (their answers are cacheable for 60 s anyway), and a publication shows
// on every server within a second.
constexpr auto kRecheck = std::chrono::seconds(1);
Held& held() {
  static Held h;
  return h;
}
}  // namespace

std::vector<const LibraryCase*> Library::find(const LibraryFilter& f) const {
  auto kw = lower_ascii(f.keyword);
  std::vector<const LibraryCase*> out;
  for (auto& k : cases) {
    if (f.year && k.year != f.year) continue;
    if (!f.district.empty() && k.district != f.district) continue;
    if (!f.form.empty() && k.form != f.form) continue;
    if (!f.topic.empty() && std::find(k.topics.begin(), k.topics.end(), f.topic) == k.topics.end()) continue;
    if (!f.unit_type.empty() && k.unit_type != f.unit_type) continue;
    if (!kw.empty() && k.haystack.find(kw) == std::string::npos) continue;
    out.push_back(&k);
  }
  return out;
}

const LibraryCase* Library::get(long long case_id) const {
  for (auto& k : cases)
    if (k.case_id == case_id) return &k;
  return nullptr;
}

std::shared_ptr<const Library> library(db::Conn& c) {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard l(mu);
    auto& h = held();
    if (h.lib && h.database == c.database() && now - h.checked < kRecheck) return h.lib;
  }
  db::Query q("SELECT name, version FROM data_versions WHERE name IN ('review_library', 'case_evidence_public')");
  long long v1 = 0, v2 = 0;
  for (auto& r : c.rows(q)) (r.str(0) == "review_library" ? v1 : v2) = r.i64(1);
  {
    std::lock_guard l(mu);
    auto& h = held();
    if (h.lib && h.database == c.database() && h.v1 == v1 && h.v2 == v2) {
      h.checked = now;
      return h.lib;
    }
  }
  auto lib = build(c);
  std::lock_guard l(mu);
  auto& h = held();
  h = {c.database(), v1, v2, lib, now};
  return lib;
}

std::string snippet(const LibraryCase& k, const std::string& keyword) {
  if (!keyword.empty()) {
    for (auto& [h, t] : k.sections) {
      auto at = lower_ascii(t).find(lower_ascii(keyword));
      if (at == std::string::npos) continue;
      // back up about 30 characters to a character boundary
      size_t from = at, back = 0;
      while (from > 0 && back < 30) {
        --from;
        if (((unsigned char)t[from] & 0xC0) != 0x80) ++back;
      }
      return (from > 0 ? "…" : "") + first_chars(t, 110, from) + "…";
    }
  }
  return k.excerpt.size() < (k.sections.empty() ? 0 : k.sections.front().second.size()) ? k.excerpt + "…" : k.excerpt;
}
}  // namespace xt::review
