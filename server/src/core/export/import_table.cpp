#include "core/export/import_table.hpp"

#include <cstdio>

#include "core/export/xlsx.hpp"
#include "core/export/xlsx_read.hpp"
#include "core/http/errors.hpp"
#include "core/time/time.hpp"

namespace xt::exporting {
namespace {
std::string trim(const std::string& s) {
  static const std::string ws = " \t\r\n";
  auto a = s.find_first_not_of(ws);
  if (a == std::string::npos) return "";
  auto b = s.find_last_not_of(ws);
  std::string out = s.substr(a, b - a + 1);
  // full-width spaces around the text
  while (out.rfind("\xE3\x80\x80", 0) == 0) out.erase(0, 3);
  while (out.size() >= 3 && out.compare(out.size() - 3, 3, "\xE3\x80\x80") == 0) out.erase(out.size() - 3);
  return out;
}
std::string title_key(const std::string& s) {
  auto t = trim(s);
  while (!t.empty() && (t.back() == '*' || t.back() == ' ')) t.pop_back();
  if (t.size() >= 3 && t.compare(t.size() - 3, 3, "\xEF\xBC\x8A") == 0) t.erase(t.size() - 3);  // ＊
  return trim(t);
}
}  // namespace

std::string Table::get(const Row& r, const std::string& title) const {
  auto it = col.find(title);
  if (it == col.end() || it->second >= r.cells.size()) return "";
  return trim(r.cells[it->second]);
}

Table read_table(const std::string& bytes, const std::vector<std::string>& required, size_t max_rows) {
  std::vector<exporting::SheetRow> sheet;
  try {
    exporting::ReadLimits lim;
    lim.max_rows = max_rows + 6;  // the note and header rows above the data
    sheet = exporting::read_first_sheet(bytes, lim);
  } catch (const exporting::XlsxReadError& e) {
    throw unprocessable("import.not_xlsx", e.what(), "file");
  }
  Table t;
  size_t header_at = sheet.size();
  std::vector<std::string> missing = required;
  for (size_t i = 0; i < sheet.size() && i < 5; ++i) {
    std::map<std::string, size_t> col;
    for (size_t j = 0; j < sheet[i].cells.size(); ++j) {
      auto k = title_key(sheet[i].cells[j]);
      if (!k.empty() && !col.count(k)) col[k] = j;
    }
    std::vector<std::string> lack;
    for (auto& r : required)
      if (!col.count(r)) lack.push_back(r);
    if (lack.size() < missing.size()) missing = lack;
    if (lack.empty()) {
      header_at = i;
      t.col = std::move(col);
      t.header = sheet[i].cells;
      break;
    }
  }
  if (header_at == sheet.size()) {
    std::string names;
    for (auto& m : missing) names += (names.empty() ? "" : "、") + m;
    throw unprocessable("import.missing_columns", "文件缺少必填列：" + names + "。请使用页面上“下载模板”得到的模板", "file");
  }
  for (size_t i = header_at + 1; i < sheet.size(); ++i) {
    bool any = false;
    for (auto& c : sheet[i].cells) any |= !trim(c).empty();
    if (any) t.rows.push_back({sheet[i].number, std::move(sheet[i].cells), ""});
  }
  if (t.rows.empty()) throw unprocessable("import.empty", "文件中没有要导入的数据行", "file");
  if (t.rows.size() > max_rows)
    throw unprocessable("import.too_many_rows", "一次最多导入 " + std::to_string(max_rows) + " 行，本文件有 " + std::to_string(t.rows.size()) + " 行，请分批导入", "file");
  return t;
}

std::string parse_day(const std::string& raw) {
  auto s = trim(raw);
  if (s.empty()) return "";
  if (auto d = exporting::date_from_serial(s); !d.empty()) return d;
  int y = 0, m = 0, d = 0;
  char a = 0, b = 0;
  std::string norm = s;
  for (auto* z : {"年", "月"})
    for (size_t p; (p = norm.find(z)) != std::string::npos;) norm.replace(p, 3, "-");
  if (auto p = norm.find("日"); p != std::string::npos) norm.erase(p);
  int n = 0;
  if (std::sscanf(norm.c_str(), "%d%c%d%c%d%n", &y, &a, &m, &b, &d, &n) != 5 || (size_t)n != norm.size() || a != b ||
      (a != '-' && a != '/' && a != '.'))
    return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return time::parse_date(buf) ? buf : "";
}

std::vector<std::string> split_list(const std::string& text) {
  std::string s = text;
  for (auto* sep : {"、", "，", "；", "\n", "\r", ",", ";"})
    for (size_t p; (p = s.find(sep)) != std::string::npos;) s.replace(p, std::string(sep).size(), "|");
  std::vector<std::string> out;
  size_t from = 0;
  for (size_t p = 0; p <= s.size(); ++p)
    if (p == s.size() || s[p] == '|') {
      auto part = trim(s.substr(from, p - from));
      if (!part.empty()) out.push_back(part);
      from = p + 1;
    }
  return out;
}

Summary summarise(const Table& t) {
  Summary s;
  s.total = (long long)t.rows.size();
  for (auto& r : t.rows) (r.error.empty() ? s.good : s.bad)++;
  return s;
}

std::string error_file(const std::string& tmp_dir, const std::string& sheet, const Table& t) {
  std::vector<exporting::Column> cols;
  for (auto& h : t.header) cols.push_back({h});
  cols.push_back({"错误说明", 48});
  cols.insert(cols.begin(), exporting::Column{"原行号", 8});
  std::vector<std::vector<std::string>> rows;
  for (int pass = 0; pass < 2; ++pass)
    for (auto& r : t.rows) {
      if ((pass == 0) == r.error.empty()) continue;  // the failing rows first
      std::vector<std::string> row{std::to_string(r.number)};
      for (size_t j = 0; j < t.header.size(); ++j) row.push_back(j < r.cells.size() ? r.cells[j] : "");
      row.push_back(r.error);
      rows.push_back(std::move(row));
    }
  return exporting::xlsx_table(tmp_dir, sheet, cols, rows);
}
}  // namespace xt::exporting
