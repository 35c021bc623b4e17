#include "core/files/pdf_check.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/auth/password.hpp"
#include "core/files/pdf_fixtures.hpp"
#include "core/files/store.hpp"

namespace xt::files {
namespace {
namespace tp = xt::testing_pdf;

struct PdfCheck : ::testing::Test {
  std::filesystem::path dir;
  void SetUp() override {
    auth::init_crypto();
    dir = std::filesystem::temp_directory_path() / ("xt-pdf-" + auth::random_token(6));
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  std::string file(const std::string& name, const std::string& bytes) {
    auto p = (dir / name).string();
    tp::write(p, bytes);
    return p;
  }
};

TEST_F(PdfCheck, APlainPdfPasses) {
  auto r = check_pdf(file("ok.pdf", tp::plain()));
  EXPECT_TRUE(r.ok) << r.code << " " << r.message;
  EXPECT_EQ(r.pages, 1);
  EXPECT_FALSE(r.low_dpi);
}

TEST_F(PdfCheck, EmptyHtmlPngAndFakeHeaderAreRefused) {
  EXPECT_EQ(check_pdf(file("empty.pdf", "")).code, "files.empty");
  EXPECT_EQ(check_pdf(file("page.pdf", "<!doctype html><html><body>hello</body></html>")).code, "files.not_pdf");
  EXPECT_EQ(check_pdf(file("img.pdf", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x'))).code, "files.not_pdf");
  auto fake = check_pdf(file("fake.pdf", "%PDF-1.7\n<html><script>alert(1)</script></html>"));
  EXPECT_FALSE(fake.ok);
  EXPECT_EQ(fake.code, "files.pdf_damaged");
}

TEST_F(PdfCheck, ATruncatedPdfIsRefused) {
  auto whole = tp::plain();
  auto r = check_pdf(file("cut.pdf", whole.substr(0, whole.size() / 2)));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.code, "files.pdf_damaged");
}

TEST_F(PdfCheck, DestinationsGoToAndHarmlessNamedActionsPass) {
  // LibreOffice's default export: an OpenAction that is only a destination.
  auto lo = check_pdf(file("lo.pdf", tp::plain("/OpenAction [3 0 R /XYZ null null 0]")));
  EXPECT_TRUE(lo.ok) << lo.code << " " << lo.message;
  auto go = check_pdf(file("goto.pdf", tp::plain("/OpenAction << /S /GoTo /D [3 0 R /Fit] >>")));
  EXPECT_TRUE(go.ok) << go.code;
  auto named = check_pdf(file("named.pdf", tp::plain("/OpenAction << /S /Named /N /FirstPage >>")));
  EXPECT_TRUE(named.ok) << named.code;
  EXPECT_TRUE(named.warnings.empty());
  auto page_aa = check_pdf(file("aa.pdf", tp::plain("", {"<< /S /GoTo /D [3 0 R /Fit] >>"}, "/AA << /O 4 0 R >>")));
  EXPECT_TRUE(page_aa.ok) << page_aa.code;
  // A link the reader clicks may point to a web address.
  auto link = check_pdf(file("link.pdf", tp::plain("", {"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /URI /URI (https://www.gov.cn/) >> >>"},
                                                   "/Annots [4 0 R]")));
  EXPECT_TRUE(link.ok) << link.code;
}

TEST_F(PdfCheck, AnAutomaticPrintWarnsButPasses) {
  auto r = check_pdf(file("print.pdf", tp::plain("/OpenAction << /S /Named /N /Print >>")));
  EXPECT_TRUE(r.ok) << r.code;
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].code, "files.pdf_auto_print");
  auto chained = check_pdf(file("chain.pdf", tp::plain("", {"<< /S /GoTo /D [3 0 R /Fit] /Next << /S /Named /N /Print >> >>"}, "/AA << /O 4 0 R >>")));
  EXPECT_TRUE(chained.ok);
  EXPECT_EQ(chained.warnings.size(), 1u) << "the /Next chain is followed";
}

TEST_F(PdfCheck, EachKindOfActiveContentHasItsOwnCodeAndPlainChinese) {
  struct Case { const char* name; std::string bytes; const char* code; const char* words; };
  std::vector<Case> cases = {
      {"js", tp::plain("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"), "files.pdf_javascript", "脚本"},
      {"js-tree", tp::plain("/Names << /JavaScript << /Names [(a) 4 0 R] >> >>", {"<< /S /JavaScript /JS 5 0 R >>", "<< /Length 3 >>\nstream\nx=1\nendstream"}),
       "files.pdf_javascript", "脚本"},
      {"launch", tp::plain("", {"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (calc.exe) >> >>"}, "/Annots [4 0 R]"),
       "files.pdf_launch", "启动外部程序"},
      {"submit", tp::plain("", {"<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /A << /S /SubmitForm /F (https://x.example/) >> >>"}, "/Annots [4 0 R]"),
       "files.pdf_form_action", "表单"},
      {"reset", tp::plain("/OpenAction << /S /ResetForm >>"), "files.pdf_form_action", "表单"},
      {"import", tp::plain("/OpenAction << /S /ImportData /F (data.fdf) >>"), "files.pdf_form_action", "表单"},
      {"xfa", tp::plain("/AcroForm << /Fields [] /XFA 4 0 R >>", {"<< /Length 5 >>\nstream\n<xdp>\nendstream"}), "files.pdf_xfa_form", "动态表单"},
      {"embedded", tp::plain("/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
                             {"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>", "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"}),
       "files.pdf_embedded_file", "内嵌附件"},
      {"attachment-annot", tp::plain("", {"<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 10 10] /FS (a.txt) >>"}, "/Annots [4 0 R]"),
       "files.pdf_embedded_file", "内嵌附件"},
      {"rich-media", tp::plain("", {"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 10 10] >>"}, "/Annots [4 0 R]"), "files.pdf_rich_media", "多媒体"},
      {"open-uri", tp::plain("/OpenAction << /S /URI /URI (https://tracker.example/p.gif) >>"), "files.pdf_auto_external", "自动访问"},
      {"page-gotor", tp::plain("", {"<< /S /GoToR /F (other.pdf) /D [0 /Fit] >>"}, "/AA << /O 4 0 R >>"), "files.pdf_auto_external", "自动访问"},
      {"open-gotoe", tp::plain("/OpenAction << /S /GoToE /D [0 /Fit] /T << /R /C /N (a.pdf) >> >>"), "files.pdf_auto_external", "自动访问"},
      {"next-uri", tp::plain("/OpenAction << /S /GoTo /D [3 0 R /Fit] /Next << /S /URI /URI (https://x.example/) >> >>"), "files.pdf_auto_external", "自动访问"},
  };
  for (auto& c : cases) {
    auto r = check_pdf(file(std::string(c.name) + ".pdf", c.bytes));
    EXPECT_FALSE(r.ok) << c.name;
    EXPECT_EQ(r.code, c.code) << c.name;
    EXPECT_NE(r.message.find(c.words), std::string::npos) << c.name << ": " << r.message;
    EXPECT_NE(r.message.find("另存为 PDF"), std::string::npos) << c.name << " says how to fix it";
    EXPECT_EQ(r.message.find('/'), std::string::npos) << c.name << " names no raw PDF key: " << r.message;
  }
}

TEST_F(PdfCheck, ContentThatCannotBeDecodedIsRefusedAsDamaged) {
  auto ok = check_pdf(file("flate.pdf", tp::with_content(tp::deflate("BT /F1 12 Tf 72 720 Td (hello) Tj ET"))));
  EXPECT_TRUE(ok.ok) << ok.code << " " << ok.message;
  auto garbage = check_pdf(file("garbage.pdf", tp::with_content(std::string("\x78\x9c\xff\xfe\xfd garbage that is not zlib", 29))));
  EXPECT_EQ(garbage.code, "files.pdf_damaged") << garbage.message;
  auto z = tp::deflate(std::string(20000, 'q'));
  auto cut = check_pdf(file("cut-stream.pdf", tp::with_content(z.substr(0, z.size() / 2))));
  EXPECT_EQ(cut.code, "files.pdf_damaged") << "a content stream cut in the middle";
}

TEST_F(PdfCheck, ADecompressionBombIsRefusedWithinTheBudget) {
  auto bomb = file("bomb.pdf", tp::with_content(tp::deflated_zeros(64u << 20)));  // 64 MB of zeros in ~64 KB
  EXPECT_LT(std::filesystem::file_size(bomb), 200000u);
  PdfLimits small;
  small.max_decoded_bytes = 8u << 20;
  auto r = check_pdf(bomb, small);
  EXPECT_EQ(r.code, "files.pdf_too_complex") << r.message;
  EXPECT_TRUE(check_pdf(bomb).ok) << "the same file within the default budget of 256 MB";
}

TEST_F(PdfCheck, AnXrefRepairIsAcceptedButACutFileIsNot) {
  auto whole = tp::plain();
  auto at = whole.rfind("startxref\n");
  auto bad_xref = whole.substr(0, at) + "startxref\n12\n%%EOF\n";  // the offset points nowhere
  auto r = check_pdf(file("repair.pdf", bad_xref));
  EXPECT_TRUE(r.ok) << r.code << " " << r.message;
  EXPECT_TRUE(r.repaired);
  auto cut = check_pdf(file("cut.pdf", whole.substr(0, whole.size() - 30)));
  EXPECT_EQ(cut.code, "files.pdf_damaged");
  EXPECT_NE(cut.message.find("不完整"), std::string::npos);
}

TEST_F(PdfCheck, AUserPasswordIsRefusedButAnOwnerPasswordAlonePasses) {
  auto src = file("src.pdf", tp::plain());
  auto user = (dir / "user.pdf").string();
  tp::encrypt(src, user, "open-me", "owner");
  auto r = check_pdf(user);
  EXPECT_EQ(r.code, "files.pdf_encrypted");
  auto owner = (dir / "owner.pdf").string();
  tp::encrypt(src, owner, "", "owner");
  auto o = check_pdf(owner);
  EXPECT_TRUE(o.ok) << o.code;
}

TEST_F(PdfCheck, LowResolutionScansWarnButPass) {
  auto low = check_pdf(file("low.pdf", tp::scanned(600, 850)));  // ~73 dpi across A4
  EXPECT_TRUE(low.ok) << low.code;
  EXPECT_TRUE(low.low_dpi);
  EXPECT_NEAR(low.min_dpi, 73, 1);
  EXPECT_EQ(low.min_dpi_page, 1);
  ASSERT_EQ(low.warnings.size(), 1u);
  EXPECT_EQ(low.warnings[0].code, "files.pdf_low_dpi");
  EXPECT_NE(low.warnings[0].message.find("第1页"), std::string::npos) << low.warnings[0].message;
  auto good = check_pdf(file("good.pdf", tp::scanned(1300, 1800)));  // ~157 dpi
  EXPECT_TRUE(good.ok);
  EXPECT_FALSE(good.low_dpi) << good.min_dpi;
  EXPECT_TRUE(good.warnings.empty());
}

TEST_F(PdfCheck, ResolutionIsMeasuredWhereTheImageIsDrawn) {
  // A 1200 × 900 photo drawn 4 × 3 inches is 300 dpi, though it is only 145 pixels per inch of page width.
  auto photo = check_pdf(file("photo.pdf", tp::placed_image(1200, 900, "q 288 0 0 216 150 300 cm /Im1 Do Q")));
  EXPECT_TRUE(photo.ok) << photo.code;
  EXPECT_NEAR(photo.min_dpi, 300, 1);
  EXPECT_FALSE(photo.low_dpi);
  // Nested q/cm scale: the same photo drawn twice as large is 150 dpi.
  auto nested = check_pdf(file("nested.pdf", tp::placed_image(1200, 900, "q 2 0 0 2 0 0 cm q 288 0 0 216 0 0 cm /Im1 Do Q Q")));
  EXPECT_NEAR(nested.min_dpi, 150, 1);
  // A 72-dpi scan inside a form XObject is found and flagged.
  auto in_form = check_pdf(file("form.pdf", tp::placed_image(600, 850, "/Fm1 Do", true)));
  EXPECT_TRUE(in_form.ok) << in_form.code;
  EXPECT_NEAR(in_form.min_dpi, 73, 1);
  EXPECT_TRUE(in_form.low_dpi);
  // The form's own /Matrix halves it: the scan is then drawn at twice the resolution.
  auto form_scaled = check_pdf(file("form-scaled.pdf", tp::placed_image(600, 850, "/Fm1 Do", true, "0.5 0 0 0.5 0 0")));
  EXPECT_NEAR(form_scaled.min_dpi, 145, 1);
  // A small picture on the page is not a scanned page, whatever its resolution.
  auto thumb = check_pdf(file("thumb.pdf", tp::placed_image(300, 300, "q 144 0 0 144 72 600 cm /Im1 Do Q")));
  EXPECT_EQ(thumb.min_dpi, 0);
  EXPECT_TRUE(thumb.warnings.empty());
}

TEST_F(PdfCheck, StoreKeepsOneCopyPerContent) {
  LocalStore s("uploads", (dir / "store").string());
  auto a = file("a.pdf", tp::plain());
  auto b = file("b.pdf", tp::plain());
  auto ha = s.put_file(a), hb = s.put_file(b);
  EXPECT_EQ(ha, hb);
  EXPECT_TRUE(s.has(ha));
  EXPECT_FALSE(std::filesystem::exists(a));
  EXPECT_FALSE(std::filesystem::exists(b));
  EXPECT_EQ(s.read(ha), tp::plain());
  EXPECT_THROW(s.local_path("../../etc/passwd"), std::invalid_argument);
  {
    TempFile t((dir / "tmp").string());
    tp::write(t.path, "x");
    EXPECT_TRUE(std::filesystem::exists(t.path));
    auto p = t.path;
    (void)p;
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir / "tmp")) << "a temp file is removed on every path";
}
TEST_F(PdfCheck, Sha256MatchesKnownVectors) {
  EXPECT_EQ(sha256_file(file("empty", "")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_file(file("abc", "abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  std::string big(200000, 'a');  // spans several read blocks
  EXPECT_EQ(sha256_file(file("big", big)).size(), 64u);
  EXPECT_NE(sha256_file(file("big", big)), sha256_file(file("big2", big + "b")));
  EXPECT_THROW(sha256_file((dir / "missing").string()), std::runtime_error);
}
}  // namespace
}  // namespace xt::files
