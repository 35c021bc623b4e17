// The public case library (典型案例库, no login): the selected cases of every published review,
// held in memory per version of the published results and of the evidence units made public.
// Search is a substring match over the title, units, form, topics and every section, so two-
// character Chinese words (家访) match; filters by year, district, collaboration form, focus
// topic and unit type. Never phone numbers or people's names: the authors and the contact are
// left out, and evidence only when the case's unit made that file public.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/db/db.hpp"
#include "modules/cases/facts.hpp"

namespace xt::review {

struct LibraryEvidence {
  long long id = 0;
  int seq = 0, pages = 0;
  std::string name, sha256;
};

struct LibraryCase {
  long long case_id = 0;
  int year = 0;
  std::string call_title, title, unit_name, unit_type, unit_type_label, district;
  std::vector<std::string> partners, topics;
  std::string form, practice_start;
  bool still_running = false;
  std::vector<std::pair<std::string, std::string>> sections;  // (heading path, text)
  std::string excerpt;
  std::string haystack;  // what a keyword is looked for in (ASCII lowered)
  std::vector<LibraryEvidence> evidence;
  cases::Call call;      // for the PDF in the 附件1 layout
  cases::Case k;         // authors and contact removed
};

struct LibraryFilter {
  std::string keyword, district, form, topic, unit_type;
  int year = 0;
};

class Library {
 public:
  std::vector<LibraryCase> cases;  // newest year first, then district, then title
  std::vector<int> years;
  std::vector<std::string> districts, forms, topics;
  std::vector<std::pair<std::string, std::string>> unit_types;  // (value, label)
  std::vector<const LibraryCase*> find(const LibraryFilter& f) const;
  const LibraryCase* get(long long case_id) const;
};

// The library of the current versions (rebuilt when a review is published or a unit changes
// what it shows).
std::shared_ptr<const Library> library(db::Conn& c);
// A short passage around the first place the keyword occurs (or the start of the summary).
std::string snippet(const LibraryCase& k, const std::string& keyword);
}  // namespace xt::review
