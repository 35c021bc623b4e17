// An uploaded import sheet as rows keyed by the template's column titles, each row with its
// own error: what every Excel import (alliances, activities, venues) shares.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace xt::exporting {

struct Row {
  int number = 0;  // as Excel shows it
  std::vector<std::string> cells;
  std::string error;  // "" when the row passes
};

struct Table {
  std::vector<std::string> header;  // the file's own titles
  std::map<std::string, size_t> col;  // template title (without *) → index
  std::vector<Row> rows;
  // Trimmed text of a column ("" when the column is absent or the cell empty).
  std::string get(const Row& r, const std::string& title) const;
};

// Reads the first sheet: the header is the first row (of the first five) holding every
// required title; rows after it that have any content. ApiError 422 import.not_xlsx,
// import.missing_columns (naming them), import.empty, import.too_many_rows.
Table read_table(const std::string& bytes, const std::vector<std::string>& required, size_t max_rows);

// "2026-03-05" from 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日 or an Excel date number; ""
// when it is none of them.
std::string parse_day(const std::string& text);
// Splits "a、b，c; d" into its parts (、，,;； and line breaks), trimmed, empty ones dropped.
std::vector<std::string> split_list(const std::string& text);

struct Summary {
  long long total = 0, good = 0, bad = 0, imported = 0;
};
Summary summarise(const Table& t);

// The rows as the uploaded file had them, with a last column 错误说明 (the failing rows') and
// the failing rows first marked; for the user to correct and upload again.
std::string error_file(const std::string& tmp_dir, const std::string& sheet, const Table& t);
}  // namespace xt::exporting
