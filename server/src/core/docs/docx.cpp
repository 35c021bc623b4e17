#include "core/docs/docx.hpp"

#include <algorithm>
#include <cmath>

#include "core/docs/zip.hpp"

namespace xt::docs {
namespace {
std::string n(double v) { return std::to_string((long long)std::lround(v)); }
std::string half_points(double pt) { return n(pt * 2); }
std::string twips(double pt) { return n(pt * 20); }

std::string fonts(const std::string& f) {
  auto e = xml_escape(f);
  return "<w:rFonts w:ascii=\"" + e + "\" w:hAnsi=\"" + e + "\" w:eastAsia=\"" + e + "\" w:cs=\"" + e + "\"/>";
}

std::string run_props(const Style& s) {
  return "<w:rPr>" + fonts(s.font) + "<w:sz w:val=\"" + half_points(s.size_pt) + "\"/><w:szCs w:val=\"" + half_points(s.size_pt) + "\"/></w:rPr>";
}

// Indent of body paragraphs: characters for Word, twips for LibreOffice (which ignores *Chars).
std::string indent(const Layout& l) {
  return "<w:ind w:firstLineChars=\"" + n(l.indent_chars * 100) + "\" w:firstLine=\"" + twips(l.indent_chars * l.body.size_pt) + "\"/>";
}
const char* kNoIndent = "<w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>";

std::string styles(const Layout& l) {
  std::string line = twips(l.line_pt);
  std::string s =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" +
      xml_escape(l.body.font) + "\" w:cs=\"Times New Roman\"/><w:kern w:val=\"2\"/><w:sz w:val=\"" + half_points(l.body.size_pt) +
      "\"/><w:szCs w:val=\"" + half_points(l.body.size_pt) +
      "\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"
      "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:pPr><w:widowControl w:val=\"0\"/>"
      "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"" + line + "\" w:lineRule=\"exact\"/>" + indent(l) +
      "<w:jc w:val=\"both\"/></w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Plain\"><w:name w:val=\"Plain\"/><w:basedOn w:val=\"Normal\"/><w:pPr>" + kNoIndent +
      "</w:pPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
      "<w:pPr><w:spacing w:before=\"0\" w:after=\"" + line + "\" w:line=\"" + twips(std::max(l.line_pt, l.title.size_pt * 1.35)) +
      "\" w:lineRule=\"exact\"/>" + kNoIndent + "<w:jc w:val=\"center\"/><w:outlineLvl w:val=\"9\"/></w:pPr>" + run_props(l.title) + "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
      "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr>" + run_props(l.h1) + "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
      "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"1\"/></w:pPr>" + run_props(l.h2) + "</w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
      "<w:spacing w:line=\"" + twips(std::max(l.body.size_pt - 2, 10.5) + 6) + "\" w:lineRule=\"exact\"/>" + kNoIndent + "<w:jc w:val=\"left\"/></w:pPr>"
      "<w:rPr><w:sz w:val=\"" + half_points(std::max(l.body.size_pt - 2, 10.5)) + "\"/><w:szCs w:val=\"" + half_points(std::max(l.body.size_pt - 2, 10.5)) + "\"/></w:rPr></w:style>"
      "<w:style w:type=\"paragraph\" w:styleId=\"Footer\"><w:name w:val=\"footer\"/><w:basedOn w:val=\"Normal\"/><w:pPr>"
      "<w:spacing w:line=\"240\" w:lineRule=\"auto\"/>" + kNoIndent + "<w:jc w:val=\"center\"/></w:pPr>"
      "<w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>"
      "</w:styles>";
  return s;
}

std::string paragraph(const char* style, const std::string& text) {
  std::string p = "<w:p><w:pPr><w:pStyle w:val=\"" + std::string(style) + "\"/></w:pPr>";
  if (!text.empty()) p += "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r>";
  return p + "</w:p>";
}

constexpr int kTextWidth = 8845;  // twips between the GB/T 9704 margins

std::string cell(const std::string& text, int width, bool header, bool center) {
  std::string c = "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>";
  c += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>" + std::string(center ? "<w:jc w:val=\"center\"/>" : "") + "</w:pPr>";
  if (!text.empty())
    c += "<w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"" + std::string(header ? " w:ascii=\"黑体\" w:hAnsi=\"黑体\" w:eastAsia=\"黑体\"" : "") +
         "/></w:rPr><w:t xml:space=\"preserve\">" + xml_escape(text) + "</w:t></w:r>";
  return c + "</w:p></w:tc>";
}

std::string table(const Table& t) {
  std::vector<int> w;
  for (double share : column_shares(t)) w.push_back((int)(kTextWidth * share + 1e-9));  // whole twips, rounded down
  std::string x = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextWidth) + "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>";
  for (auto side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    x += std::string("<w:") + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  x += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
  for (int v : w) x += "<w:gridCol w:w=\"" + std::to_string(v) + "\"/>";
  x += "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>";
  for (size_t i = 0; i < t.header.size(); ++i) x += cell(t.header[i], w[i], true, true);
  x += "</w:tr>";
  for (auto& r : t.rows) {
    x += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (size_t i = 0; i < t.header.size(); ++i) x += cell(i < r.size() ? r[i] : "", w[i], false, i == 0);
    x += "</w:tr>";
  }
  return x + "</w:tbl>";
}

const char* style_of(Kind k) {
  switch (k) {
    case Kind::Title: return "Title";
    case Kind::Heading1: return "Heading1";
    case Kind::Heading2: return "Heading2";
    case Kind::Plain: return "Plain";
    default: return "Normal";
  }
}

std::string body(const Document& doc) {
  std::string b;
  for (auto& blk : doc.blocks) {
    if (blk.kind == Kind::Table) {
      b += table(blk.table);
      continue;
    }
    for (auto& line : paragraphs_of(blk.text)) b += paragraph(style_of(blk.kind), line);
  }
  return b;
}
}  // namespace

std::string docx(const Document& doc, const Layout& l) {
  const std::string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const std::string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string content_types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
      "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
      "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
      "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
      "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "</Types>";
  std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
      "</Relationships>";
  std::string doc_rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
      "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
      "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
      "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>"
      "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
      "</Relationships>";
  std::string settings =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:settings xmlns:w=\"" + W +
      "\"><w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat><w:compatSetting w:name=\"compatibilityMode\" "
      "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>";
  auto font = [](const char* name, const char* alt) {
    return std::string("<w:font w:name=\"") + name + "\">" + (alt[0] ? std::string("<w:altName w:val=\"") + alt + "\"/>" : "") +
           "<w:charset w:val=\"86\"/></w:font>";
  };
  std::string font_table = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:fonts xmlns:w=\"" + W + "\">" +
                           font("仿宋_GB2312", "仿宋") + font("楷体_GB2312", "楷体") + font("黑体", "") + font("宋体", "") +
                           font("方正小标宋_GBK", "方正小标宋简体") + "</w:fonts>";
  std::string footer = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:ftr xmlns:w=\"" + W +
                       "\"><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr><w:r><w:t xml:space=\"preserve\">— </w:t></w:r>"
                       "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>";
  std::string core = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><cp:coreProperties "
                     "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" + xml_escape(doc.title) +
                     "</dc:title><dc:creator>协同 · 家校社协同育人平台</dc:creator></cp:coreProperties>";
  std::string document = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"" + W + "\" xmlns:r=\"" + R +
                         "\"><w:body>" + body(doc) +
                         "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                         "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\" w:header=\"851\" w:footer=\"1304\" w:gutter=\"0\"/>"
                         "</w:sectPr></w:body></w:document>";
  return zip_archive({{"[Content_Types].xml", content_types},
                      {"_rels/.rels", rels},
                      {"word/document.xml", document},
                      {"word/_rels/document.xml.rels", doc_rels},
                      {"word/styles.xml", styles(l)},
                      {"word/settings.xml", settings},
                      {"word/fontTable.xml", font_table},
                      {"word/footer1.xml", footer},
                      {"docProps/core.xml", core}});
}
}  // namespace xt::docs
