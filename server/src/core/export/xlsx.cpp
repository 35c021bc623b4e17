#include "core/export/xlsx.hpp"

#include "core/text/utf8.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
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

std::string xlsx_table(const std::string& tmp_dir, const std::string& sheet, const std::vector<Column>& cols,
                       const std::vector<std::vector<std::string>>& rows) {
  std::filesystem::create_directories(tmp_dir);
  auto path = (std::filesystem::path(tmp_dir) / ("export-" + auth::random_token(12) + ".xlsx")).string();
  struct Cleanup { std::string p; ~Cleanup() { std::error_code ec; std::filesystem::remove(p, ec); } } cleanup{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) throw std::runtime_error("cannot create " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xEEF2F7);
  format_set_border(head, LXW_BORDER_THIN);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");
  for (size_t j = 0; j < cols.size(); ++j) {
    double w = cols[j].width;
    if (w <= 0) {
      w = display_width(cols[j].title);
      for (auto& r : rows)
        if (j < r.size()) w = std::max(w, display_width(r[j]));
      w = std::min(60.0, w + 2);
    }
    worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j, w, text);
    worksheet_write_string(ws, 0, (lxw_col_t)j, cols[j].title.c_str(), head);
  }
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].size() && j < cols.size(); ++j)
      worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)j, rows[i][j].c_str(), text);
  worksheet_freeze_panes(ws, 1, 0);
  if (!rows.empty()) worksheet_autofilter(ws, 0, 0, (lxw_row_t)rows.size(), (lxw_col_t)(cols.size() - 1));
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("xlsx write failed");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
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
