// The write-up PDF (cairo + pango) and merging PDFs with bookmarks (qpdf): page size, embedded
// fonts, pagination that follows the layout, and parts that cannot be read.
#include "core/docs/pdf.hpp"

#include <gtest/gtest.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "core/docs/fonts.hpp"
#include "core/docs/pdf_merge.hpp"
#include "modules/cases/writeups/document.hpp"
#include "support/doc_samples.hpp"

namespace xt::docs {
namespace {

std::unique_ptr<QPDF> open(const std::string& bytes) {
  auto q = std::make_unique<QPDF>();
  q->processMemoryFile("test.pdf", bytes.data(), bytes.size());
  return q;
}

Document long_document(const cases::Call& call) {
  auto k = samples::long_case();
  return cases::case_document(call, k, {"𠮷祥社区居委会", "历下区图书馆"});
}

TEST(Fonts, OfficialNamesResolveToInstalledCjkFonts) {
  for (auto* family : {"仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋_GBK", "宋体"}) {
    auto file = resolve_font(family);
    EXPECT_FALSE(file.empty()) << family;
    EXPECT_EQ(file.find("DejaVu"), std::string::npos) << family << " must not fall back to a Latin font: " << file;
  }
  EXPECT_NE(fonts_conf().find("FandolFang"), std::string::npos);
}

TEST(Pdf, A4PagesWithEmbeddedFontsAndTheTitle) {
  auto call = samples::qingdao_call();
  auto doc = long_document(call);
  auto out = pdf(doc, cases::layout_of(call.rules.format));
  ASSERT_EQ(out.bytes.substr(0, 5), "%PDF-");
  auto q = open(out.bytes);
  auto pages = QPDFPageDocumentHelper(*q).getAllPages();
  ASSERT_EQ((int)pages.size(), out.pages);
  // 3,000 字 at 27 per line and 23 lines per page, plus headings: 5 to 8 pages.
  EXPECT_GE(out.pages, 5);
  EXPECT_LE(out.pages, 8);
  for (auto& p : pages) {
    auto box = p.getObjectHandle().getKey("/MediaBox").getArrayAsVector();
    EXPECT_NEAR(box[2].getNumericValue(), 595.3, 0.5);
    EXPECT_NEAR(box[3].getNumericValue(), 841.9, 0.5);
  }
  int fonts = 0, embedded = 0;
  for (auto& o : q->getAllObjects()) {
    if (!o.isDictionary() || !o.hasKey("/Type") || !o.getKey("/Type").isNameAndEquals("/FontDescriptor")) continue;
    ++fonts;
    if (o.hasKey("/FontFile") || o.hasKey("/FontFile2") || o.hasKey("/FontFile3")) ++embedded;
  }
  EXPECT_GE(fonts, 3) << "title, headings and body use different fonts";
  EXPECT_EQ(fonts, embedded) << "every font is embedded";
  EXPECT_EQ(q->getTrailer().getKey("/Info").getKey("/Title").getUTF8Value(), doc.title);
}

TEST(Pdf, TheCallsFormatDecidesThePagination) {
  auto call = samples::qingdao_call();
  auto doc = long_document(call);
  auto official = pdf(doc, cases::layout_of(call.rules.format));
  call.rules.format.body = {"宋体", 14};  // 四号: more characters per line
  call.rules.format.title = {"黑体", 16};
  call.rules.format.line_pt = 22;
  auto smaller = pdf(doc, cases::layout_of(call.rules.format));
  EXPECT_LT(smaller.pages, official.pages);
}

TEST(Pdf, EmptyAndHostileTextStillMakesAValidPdf) {
  Document d{"", {{Kind::Title, ""}, {Kind::Body, ""}, {Kind::Body, std::string("控制\x01\x0b字符\xff\xfe坏的UTF-8") + "\n\n\n"},
                  {Kind::Plain, std::string(3000, 'x')},  // one unbreakable word across many lines
                  {Kind::Table, "", Table{{"序号", "名称"}, {1, 3}, {{"1", std::string(600, 'y')}, {"2", "𠮷😀"}}}}}};
  auto out = pdf(d, Layout{});
  EXPECT_GE(out.pages, 1);
  EXPECT_NO_THROW(open(out.bytes));
}

TEST(Pdf, ATableLongerThanAPageRepeatsItsHeaderOnTheNextPage) {
  Table t{{"序号", "材料名称", "时间", "备注"}, {10, 42, 20, 16}, {}};
  for (int i = 1; i <= 60; ++i) t.rows.push_back({std::to_string(i), "家长会记录第" + std::to_string(i) + "份", "2024年3月", ""});
  auto out = pdf({"目录", {{Kind::Title, "案例档案目录"}, {Kind::Table, "", t}}}, Layout{});
  EXPECT_GE(out.pages, 2);
}

TEST(Merge, PartsInOrderWithOneBookmarkEach) {
  auto a = pdf({"甲", {{Kind::Body, "第一部分"}}}, Layout{});
  auto ev = samples::evidence_pdf(20000, 3, 1);
  auto m = merge_pdfs({{"案例文本", a.bytes, ""}, {"佐证材料1：签到表", ev, ""}}, "合并");
  EXPECT_EQ(m.pages, a.pages + 3);
  EXPECT_EQ(m.first_pages, (std::vector<int>{1, a.pages + 1}));
  auto q = open(m.bytes);
  QPDFOutlineDocumentHelper outlines(*q);
  auto top = outlines.getTopLevelOutlines();
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].getTitle(), "案例文本");
  EXPECT_EQ(top[1].getTitle(), "佐证材料1：签到表");
  auto pages = QPDFPageDocumentHelper(*q).getAllPages();
  EXPECT_EQ(top[1].getDestPage().getObjGen(), pages[(size_t)a.pages].getObjectHandle().getObjGen());
}

TEST(Merge, AnUnreadablePartNamesItself) {
  auto a = pdf({"甲", {{Kind::Body, "正文"}}}, Layout{});
  auto ev = samples::evidence_pdf(5000, 1, 2);
  try {
    merge_pdfs({{"正文", a.bytes, ""}, {"好的", ev, ""}, {"坏的", ev.substr(0, ev.size() / 3), ""}}, "x");
    FAIL() << "a truncated part must be refused";
  } catch (const MergeError& e) {
    EXPECT_EQ(e.part, 2u);
  }
  try {
    merge_pdfs({{"正文", a.bytes, ""}, {"不存在", "", "/nonexistent/file.pdf"}}, "x");
    FAIL() << "a missing file must be refused";
  } catch (const MergeError& e) {
    EXPECT_EQ(e.part, 1u);
  }
}
}  // namespace
}  // namespace xt::docs
