// Importing venues from XLSX or GeoJSON: every row checked by the form's rules first; one bad
// row imports nothing (the answer lists each bad row with its reason, or returns the sheet with
// an error column).
#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "core/export/import_table.hpp"
#include "modules/venues/atlas.hpp"

namespace xt::venues::imports {

inline constexpr size_t kMaxRows = 10000;

struct Options {
  bool geojson = false;
  std::string crs = "wgs84", file_name;
  bool commit = false;  // false: check only
};

struct Row {
  int number = 0;  // the sheet's row number, or the feature's position (from 1)
  std::map<std::string, std::string> values;
  std::string error;
};

struct Result {
  exporting::Table table;
  std::vector<Row> rows;
  long long total = 0, good = 0, bad = 0, added = 0, updated = 0;
};

Result run(db::Conn& c, const app::Caller& who, const View& view, const std::string& bytes, const Options& o);
std::string template_file(const std::string& tmp_dir);
std::string error_file(const std::string& tmp_dir, const Result& r);
}  // namespace xt::venues::imports
