// Reads the first worksheet of an XLSX file (what Excel, WPS and LibreOffice save) into rows
// of text: shared strings, inline strings, numbers as written, booleans as 0/1. Nothing else of
// the workbook is read (no formulas evaluated, no styles). Bounded: the archive's parts are
// read only up to a size, the sheet only up to a number of rows and columns.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace xt::exporting {

struct SheetRow {
  int number = 0;                  // the row number Excel shows (1-based)
  std::vector<std::string> cells;  // by column, A = 0; trailing empty cells left out
};

struct ReadLimits {
  size_t max_rows = 10001;              // rows with any content, the header included
  size_t max_cols = 60;
  size_t max_part_bytes = 64u << 20;    // uncompressed sheet or shared strings
};

// A file that is not an XLSX workbook, or one over the limits: the message is for the user.
struct XlsxReadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<SheetRow> read_first_sheet(const std::string& bytes, const ReadLimits& limits = {});

// "2026-03-05" from an Excel date serial number such as "46086" (the 1900 date system), or ""
// when the text is not one.
std::string date_from_serial(const std::string& text);
}  // namespace xt::exporting
