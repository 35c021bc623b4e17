#include "core/export/xlsx_read.hpp"

#include <expat.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <map>
#include <optional>

#include "core/docs/zip.hpp"
#include "core/time/time.hpp"

namespace xt::exporting {
namespace {

// The local part of an element or attribute name ("x:row" → "row").
std::string local(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

const char* attr(const char** atts, const char* want) {
  for (int i = 0; atts[i]; i += 2)
    if (local(atts[i]) == want) return atts[i + 1];
  return nullptr;
}

// Runs expat over a document with start/end/text callbacks.
struct Sax {
  std::function<void(const std::string&, const char**)> start;
  std::function<void(const std::string&)> end;
  std::function<void(const char*, int)> text;
  std::string error;

  void parse(const std::string& xml, const char* part) {
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, this);
    XML_SetElementHandler(
        p, [](void* u, const char* n, const char** a) { static_cast<Sax*>(u)->start(local(n), a); },
        [](void* u, const char* n) {
          auto* s = static_cast<Sax*>(u);
          if (s->end) s->end(local(n));
        });
    XML_SetCharacterDataHandler(p, [](void* u, const char* t, int len) {
      auto* s = static_cast<Sax*>(u);
      if (s->text) s->text(t, len);
    });
    bool ok = XML_Parse(p, xml.data(), (int)xml.size(), 1) != XML_STATUS_ERROR;
    XML_ParserFree(p);
    if (!ok) throw XlsxReadError(std::string("Excel 文件已损坏，无法读取（") + part + "）");
    if (!error.empty()) throw XlsxReadError(error);
  }
};

int column_of(const char* ref) {
  int col = 0;
  for (const char* p = ref; *p && *p >= 'A' && *p <= 'Z'; ++p) col = col * 26 + (*p - 'A' + 1);
  return col - 1;
}

std::vector<std::string> shared_strings(const std::string& xml) {
  std::vector<std::string> out;
  if (xml.empty()) return out;
  bool in_si = false, in_t = false;
  int phonetic = 0;
  std::string cur;
  Sax s;
  s.start = [&](const std::string& n, const char**) {
    if (n == "si") in_si = true, cur.clear();
    else if (n == "rPh") ++phonetic;
    else if (n == "t" && in_si && !phonetic) in_t = true;
  };
  s.end = [&](const std::string& n) {
    if (n == "si") in_si = false, out.push_back(cur);
    else if (n == "rPh") --phonetic;
    else if (n == "t") in_t = false;
  };
  s.text = [&](const char* t, int len) {
    if (in_t) cur.append(t, (size_t)len);
  };
  s.parse(xml, "共享字符串");
  return out;
}

std::string first_sheet_path(const std::string& workbook, const std::string& rels) {
  std::string rid;
  Sax w;
  w.start = [&](const std::string& n, const char** a) {
    if (n == "sheet" && rid.empty())
      if (auto id = attr(a, "id")) rid = id;
  };
  w.parse(workbook, "工作簿");
  if (rid.empty()) throw XlsxReadError("Excel 文件中没有工作表");
  std::string target;
  Sax r;
  r.start = [&](const std::string& n, const char** a) {
    if (n != "Relationship") return;
    auto id = attr(a, "Id");
    if (id && rid == id)
      if (auto t = attr(a, "Target")) target = t;
  };
  r.parse(rels, "工作簿关系");
  if (target.empty()) throw XlsxReadError("Excel 文件中找不到第一个工作表");
  if (target[0] == '/') return target.substr(1);
  return "xl/" + target;
}
}  // namespace

std::vector<SheetRow> read_first_sheet(const std::string& bytes, const ReadLimits& limits) {
  static const char* kNotXlsx = "文件不是 Excel 工作簿（.xlsx）。请用“下载模板”得到的文件填写后上传；.xls 旧格式请先另存为 .xlsx";
  if (bytes.size() < 4 || bytes.compare(0, 2, "PK") != 0) throw XlsxReadError(kNotXlsx);
  std::map<std::string, std::string> parts;
  try {
    parts = docs::unzip_entries(bytes, {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml"}, limits.max_part_bytes);
  } catch (const std::runtime_error& e) {
    if (std::string(e.what()).find("too large") != std::string::npos) throw XlsxReadError("Excel 文件过大，请分批导入");
    throw XlsxReadError(kNotXlsx);
  }
  if (!parts.count("xl/workbook.xml") || !parts.count("xl/_rels/workbook.xml.rels")) throw XlsxReadError(kNotXlsx);
  auto sheet_path = first_sheet_path(parts["xl/workbook.xml"], parts["xl/_rels/workbook.xml.rels"]);
  std::string sheet;
  try {
    auto s = docs::unzip_entries(bytes, {sheet_path}, limits.max_part_bytes);
    if (!s.count(sheet_path)) throw XlsxReadError("Excel 文件中找不到第一个工作表");
    sheet = std::move(s[sheet_path]);
  } catch (const XlsxReadError&) {
    throw;
  } catch (const std::runtime_error&) {
    throw XlsxReadError("Excel 文件过大，请分批导入");
  }
  auto strings = shared_strings(parts["xl/sharedStrings.xml"]);

  std::vector<SheetRow> rows;
  SheetRow row;
  bool in_row = false, in_v = false, in_t = false, in_is = false;
  int next_row = 1, next_col = 0, col = 0;
  std::string type, value;
  Sax s;
  auto flush_row = [&] {
    while (!row.cells.empty() && row.cells.back().empty()) row.cells.pop_back();
    if (!row.cells.empty()) {
      if (rows.size() >= limits.max_rows) {
        s.error = "Excel 文件行数超过上限（" + std::to_string(limits.max_rows - 1) + " 行），请分批导入";
        return;
      }
      rows.push_back(std::move(row));
    }
    row = SheetRow{};
  };
  s.start = [&](const std::string& n, const char** a) {
    if (!s.error.empty()) return;
    if (n == "row") {
      in_row = true;
      auto r = attr(a, "r");
      row.number = r ? std::atoi(r) : next_row;
      next_row = row.number + 1;
      next_col = 0;
    } else if (n == "c" && in_row) {
      auto r = attr(a, "r");
      col = r ? column_of(r) : next_col;
      next_col = col + 1;
      auto t = attr(a, "t");
      type = t ? t : "n";
      value.clear();
    } else if (n == "v") {
      in_v = true;
    } else if (n == "is") {
      in_is = true;
    } else if (n == "t" && in_is) {
      in_t = true;
    }
  };
  s.end = [&](const std::string& n) {
    if (!s.error.empty()) return;
    if (n == "v") in_v = false;
    else if (n == "t") in_t = false;
    else if (n == "is") in_is = false;
    else if (n == "c" && in_row) {
      if (col < 0 || (size_t)col >= limits.max_cols) {
        if (!value.empty()) s.error = "Excel 文件列数超过上限（" + std::to_string(limits.max_cols) + " 列）";
        return;
      }
      std::string text = value;
      if (type == "s") {
        char* end = nullptr;
        long i = std::strtol(value.c_str(), &end, 10);
        text = (end && *end == '\0' && i >= 0 && (size_t)i < strings.size()) ? strings[(size_t)i] : "";
      }
      if ((size_t)col >= row.cells.size()) row.cells.resize((size_t)col + 1);
      row.cells[(size_t)col] = std::move(text);
    } else if (n == "row") {
      in_row = false;
      flush_row();
    }
  };
  s.text = [&](const char* t, int len) {
    if (in_v || in_t) value.append(t, (size_t)len);
  };
  s.parse(sheet, "工作表");
  return rows;
}

std::string date_from_serial(const std::string& text) {
  if (text.empty() || text.size() > 12) return "";
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (!end || *end != '\0' || v < 1 || v > 2958465) return "";
  // Serial 25569 is 1970-01-01 (Excel counts the non-existent 1900-02-29).
  long long days = (long long)v - 25569;
  return time::beijing_time(days * 86400000LL).substr(0, 10);
}
}  // namespace xt::exporting
