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

TEST_F(PdfCheck, ActiveContentIsRefused) {
  auto js = check_pdf(file("js.pdf", tp::plain("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>")));
  EXPECT_EQ(js.code, "files.pdf_active_content");
  auto launch = check_pdf(file("launch.pdf", tp::plain("", {"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /Launch /F (calc.exe) >> >>"}, "/Annots [4 0 R]")));
  EXPECT_EQ(launch.code, "files.pdf_active_content");
  auto aa = check_pdf(file("aa.pdf", tp::plain("/AA << /WC 4 0 R >>", {"<< /S /Named /N /Print >>"})));
  EXPECT_EQ(aa.code, "files.pdf_active_content");
  auto embedded = check_pdf(file("emb.pdf", tp::plain("/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
                                                       {"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
                                                        "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream"})));
  EXPECT_EQ(embedded.code, "files.pdf_active_content");
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
  EXPECT_LT(low.min_dpi, 150);
  auto good = check_pdf(file("good.pdf", tp::scanned(1300, 1800)));  // ~157 dpi
  EXPECT_TRUE(good.ok);
  EXPECT_FALSE(good.low_dpi) << good.min_dpi;
}

TEST_F(PdfCheck, StoreKeepsOneCopyPerContent) {
  Store s((dir / "store").string());
  auto a = file("a.pdf", tp::plain());
  auto b = file("b.pdf", tp::plain());
  auto ha = s.put(a), hb = s.put(b);
  EXPECT_EQ(ha, hb);
  EXPECT_TRUE(s.has(ha));
  EXPECT_FALSE(std::filesystem::exists(a));
  EXPECT_FALSE(std::filesystem::exists(b));
  EXPECT_EQ(s.read(ha), tp::plain());
  EXPECT_THROW(s.path_of("../../etc/passwd"), std::invalid_argument);
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
