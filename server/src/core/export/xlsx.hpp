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

// An import template: a header row (required columns marked), example rows, a note row above,
// and drop-downs. A column's choices come from `lists` by name: each list is written to a
// hidden sheet of that name (Excel's in-cell lists hold at most 255 characters, so long ones
// such as the unit tree go there), and the column's cells below the header offer them.
struct TemplateColumn {
  std::string title;
  double width = 16;
  std::string list;      // name of a list in `lists`, or ""
  bool required = false;
};
struct TemplateList {
  std::string name;
  std::vector<std::string> items;
};
std::string xlsx_template(const std::string& tmp_dir, const std::string& sheet, const std::string& note, const std::vector<TemplateColumn>& cols,
                          const std::vector<TemplateList>& lists, const std::vector<std::vector<std::string>>& examples, int rows = 2000);

// "attachment; filename=...; filename*=UTF-8''..." for a Chinese file name.
std::string attachment(const std::string& utf8_name);
}  // namespace xt::exporting
