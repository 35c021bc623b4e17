// A list as an XLSX sheet (libxlsxwriter): bold frozen header, text cells (phone numbers
// keep leading zeros), widths that fit Chinese text.
#pragma once
#include <string>
#include <vector>

namespace xt::exporting {

struct Column {
  std::string title;
  double width = 0;  // 0 = fit the content
};

// A line above the table, across all its columns (a form's 附件 label, title, stamp line).
struct Caption {
  std::string text;
  bool title = false;  // large, bold and centred
};

// Returns the file's bytes. tmp_dir must exist and be writable.
std::string xlsx_table(const std::string& tmp_dir, const std::string& sheet, const std::vector<Column>& cols,
                       const std::vector<std::vector<std::string>>& rows, const std::vector<Caption>& above = {});

// "attachment; filename=...; filename*=UTF-8''..." for a Chinese file name.
std::string attachment(const std::string& utf8_name);
}  // namespace xt::exporting
