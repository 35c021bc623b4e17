#include "core/export/xlsx.hpp"

#include "core/text/utf8.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "core/auth/password.hpp"

namespace xt::exporting {

static double display_width(const std::string& s) {
  double w = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = s[i];
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    w += len == 1 ? 1.1 : 2.1;
    i += len;
  }
  return w;
}

namespace {
// The bold, shaded, bordered header cell every sheet we write uses.
lxw_format* header_format(lxw_workbook* wb, unsigned color = 0xEEF2F7) {
  lxw_format* f = workbook_add_format(wb);
  format_set_bold(f);
  format_set_bg_color(f, color);
  format_set_border(f, LXW_BORDER_THIN);
  return f;
}

// The file's bytes (the caller's guard removes the file).
std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

std::string xlsx_table(const std::string& tmp_dir, const std::string& sheet, const std::vector<Column>& cols,
                       const std::vector<std::vector<std::string>>& rows, const std::vector<Caption>& above) {
  std::filesystem::create_directories(tmp_dir);
  auto path = (std::filesystem::path(tmp_dir) / ("export-" + auth::random_token(12) + ".xlsx")).string();
  struct Cleanup { std::string p; ~Cleanup() { std::error_code ec; std::filesystem::remove(p, ec); } } cleanup{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("cannot create " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  lxw_format* head = header_format(wb);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* cell = workbook_add_format(wb);  // table cells: text, bordered
  format_set_num_format(cell, "@");
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_text_wrap(cell);
  lxw_format* caption = workbook_add_format(wb);
  lxw_format* title = workbook_add_format(wb);
  format_set_bold(title);
  format_set_font_size(title, 16);
  format_set_align(title, LXW_ALIGN_CENTER);
  format_set_align(title, LXW_ALIGN_VERTICAL_CENTER);
  const lxw_row_t top = (lxw_row_t)above.size();  // the header row
  const lxw_col_t last = (lxw_col_t)(cols.empty() ? 0 : cols.size() - 1);
  for (size_t i = 0; i < above.size(); ++i) {
    auto* f = above[i].title ? title : caption;
    if (above[i].title) worksheet_set_row(ws, (lxw_row_t)i, 32, nullptr);
    if (last > 0) worksheet_merge_range(ws, (lxw_row_t)i, 0, (lxw_row_t)i, last, above[i].text.c_str(), f);
    else worksheet_write_string(ws, (lxw_row_t)i, 0, above[i].text.c_str(), f);
  }
  for (size_t j = 0; j < cols.size(); ++j) {
    double w = cols[j].width;
    if (w <= 0) {
      w = display_width(cols[j].title);
      for (auto& r : rows)
        if (j < r.size()) w = std::max(w, display_width(r[j]));
      w = std::min(60.0, w + 2);
    }
    worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, w, text);
    worksheet_write_string(ws, top, (lxw_col_t)j, cols[j].title.c_str(), head);
  }
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].size() && j < cols.size(); ++j)
      worksheet_write_string(ws, (lxw_row_t)(top + i + 1), (lxw_col_t)j, rows[i][j].c_str(), above.empty() ? text : cell);
  worksheet_freeze_panes(ws, top + 1, 0);
  if (above.empty() && !rows.empty()) worksheet_autofilter(ws, 0, 0, (lxw_row_t)rows.size(), (lxw_col_t)(cols.size() - 1));
  if (!above.empty()) worksheet_repeat_rows(ws, top, top);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx write failed");
  return read_file(path);
}

std::string xlsx_template(const std::string& tmp_dir, const std::string& sheet, const std::string& note, const std::vector<TemplateColumn>& cols,
                          const std::vector<TemplateList>& lists, const std::vector<std::vector<std::string>>& examples, int rows) {
  std::filesystem::create_directories(tmp_dir);
  auto path = (std::filesystem::path(tmp_dir) / ("template-" + auth::random_token(12) + ".xlsx")).string();
  struct Cleanup { std::string p; ~Cleanup() { std::error_code ec; std::filesystem::remove(p, ec); } } cleanup{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("cannot create " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  lxw_format* head = header_format(wb);
  lxw_format* must = header_format(wb, 0xFDECEA);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  lxw_format* hint = workbook_add_format(wb);
  format_set_text_wrap(hint);
  format_set_font_color(hint, 0x666666);
  format_set_align(hint, LXW_ALIGN_VERTICAL_TOP);
  const lxw_col_t last = (lxw_col_t)(cols.empty() ? 0 : cols.size() - 1);
  worksheet_set_row(ws, 0, 48, nullptr);
  if (last > 0) worksheet_merge_range(ws, 0, 0, 0, last, note.c_str(), hint);
  else worksheet_write_string(ws, 0, 0, note.c_str(), hint);
  std::map<std::string, std::pair<std::string, size_t>> ranges;  // list → formula, size
  for (auto& l : lists) {
    lxw_worksheet* ls = workbook_add_worksheet(wb, l.name.c_str());
    for (size_t i = 0; i < l.items.size(); ++i) worksheet_write_string(ls, (lxw_row_t)i, 0, l.items[i].c_str(), nullptr);
    worksheet_hide(ls);
    ranges[l.name] = {"='" + l.name + "'!$A$1:$A$" + std::to_string(std::max<size_t>(1, l.items.size())), l.items.size()};
  }
  for (size_t j = 0; j < cols.size(); ++j) {
    worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, cols[j].width, text);
    auto title = cols[j].required ? cols[j].title + "*" : cols[j].title;
    worksheet_write_string(ws, 1, (lxw_col_t)j, title.c_str(), cols[j].required ? must : head);
    if (cols[j].list.empty() || !ranges.count(cols[j].list) || ranges[cols[j].list].second == 0) continue;
    lxw_data_validation dv{};
    dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
    auto formula = ranges[cols[j].list].first;
    dv.value_formula = const_cast<char*>(formula.c_str());
    dv.ignore_blank = LXW_VALIDATION_ON;
    dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;  // a value typed by hand (a unit's code) is still allowed
    worksheet_data_validation_range(ws, 2, (lxw_col_t)j, (lxw_row_t)(1 + rows), (lxw_col_t)j, &dv);
  }
  for (size_t i = 0; i < examples.size(); ++i)
    for (size_t j = 0; j < examples[i].size() && j < cols.size(); ++j)
      worksheet_write_string(ws, (lxw_row_t)(2 + i), (lxw_col_t)j, examples[i][j].c_str(), nullptr);
  worksheet_freeze_panes(ws, 2, 0);
  worksheet_activate(ws);
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx write failed");
  return read_file(path);
}

std::string attachment(const std::string& raw) {
  // RFC 6266: an ASCII fallback and the real name percent-encoded (RFC 8187). Control
  // characters and ill-formed UTF-8 never reach the header, whatever name was stored.
  auto name = text::printable_utf8(raw);
  std::string enc;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) continue;
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') enc += (char)c;
    else { enc += '%'; enc += hex[c >> 4]; enc += hex[c & 15]; }
  }
  if (enc.empty()) enc = "download";
  // The fallback keeps only a plain extension of letters and digits.
  std::string ext;
  if (auto dot = name.rfind('.'); dot != std::string::npos && name.size() - dot <= 9) {
    ext = name.substr(dot);
    for (size_t i = 1; i < ext.size(); ++i)
      if (!std::isalnum((unsigned char)ext[i])) { ext.clear(); break; }
    if (ext.size() < 2) ext.clear();
  }
  return "attachment; filename=\"download" + ext + "\"; filename*=UTF-8''" + enc;
}
}  // namespace xt::exporting
