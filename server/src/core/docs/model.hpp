// A write-up as a list of blocks (title, headings, paragraphs), laid out by a format: what
// the DOCX and (later) the PDF are both made from, so they say the same thing.
#pragma once
#include <string>
#include <vector>

namespace xt::docs {

struct Style {
  std::string font;
  double size_pt = 16;
};

// A4, GB/T 9704 margins (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm).
struct Layout {
  Style title{"方正小标宋_GBK", 22}, h1{"黑体", 16}, h2{"楷体_GB2312", 16}, body{"仿宋_GB2312", 16};
  double line_pt = 27;
  double indent_chars = 2;
};

enum class Kind { Title, Heading1, Heading2, Body, Plain, Table };  // Plain: body font, no indent (e.g. 牵头单位：…)

// A bordered table across the text width: a repeated 黑体 header row, then text cells.
struct Table {
  std::vector<std::string> header;
  std::vector<int> widths;  // relative column widths
  std::vector<std::vector<std::string>> rows;
};

struct Block {
  Kind kind;
  std::string text;
  Table table = {};  // Kind::Table only
};

struct Document {
  std::string title;  // document properties
  std::vector<Block> blocks;
};

// Text safe for XML 1.0: drops C0 controls other than tab and newline, lone surrogates
// encoded in UTF-8, U+FFFE/U+FFFF and invalid UTF-8; keeps every other character (𠮷, emoji).
std::string xml_safe(const std::string& utf8);
// The paragraphs of a block as both writers lay them out: XML-safe text, one paragraph per
// line, trailing spaces trimmed, blank lines dropped (spacing comes from the layout); an empty
// block is one empty paragraph.
std::vector<std::string> paragraphs_of(const std::string& text);
// Each column's share of the text width, from the table's relative widths (1 where missing).
std::vector<double> column_shares(const Table& t);
std::string xml_escape(const std::string& utf8);
}  // namespace xt::docs
