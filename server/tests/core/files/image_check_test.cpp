#include "core/files/image_check.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/auth/password.hpp"
#include "core/files/image_fixtures.hpp"
#include "core/files/pdf_fixtures.hpp"

namespace xt::files {
namespace {
namespace ti = xt::testing_image;

struct ImageCheck : ::testing::Test {
  std::filesystem::path dir;
  void SetUp() override {
    auth::init_crypto();
    dir = std::filesystem::temp_directory_path() / ("xt-img-" + auth::random_token(6));
    std::filesystem::create_directories(dir);
  }
  void TearDown() override { std::filesystem::remove_all(dir); }
  ImageReport check(const std::string& bytes) {
    auto p = (dir / "f").string();
    testing_pdf::write(p, bytes);
    return check_image(p);
  }
};

TEST_F(ImageCheck, WholeJpegAndPngPassWithTheirSize) {
  auto j = check(ti::jpeg(1240, 1754));
  ASSERT_TRUE(j.ok) << j.message;
  EXPECT_EQ(j.type, "image/jpeg");
  EXPECT_EQ(j.width, 1240);
  EXPECT_EQ(j.height, 1754);
  EXPECT_TRUE(check(ti::jpeg() + std::string(16, '\0')).ok) << "zero padding after the end marker";
  auto p = check(ti::png(800, 600));
  ASSERT_TRUE(p.ok) << p.message;
  EXPECT_EQ(p.type, "image/png");
  EXPECT_EQ(p.width, 800);
  EXPECT_EQ(p.height, 600);
}

TEST_F(ImageCheck, OtherFilesAreNotImages) {
  EXPECT_EQ(check("").code, "files.not_image");
  EXPECT_EQ(check("<html><body>公章</body></html>").code, "files.not_image");
  EXPECT_EQ(check(testing_pdf::plain()).code, "files.not_image");
}

TEST_F(ImageCheck, TruncatedOrForgedImagesAreDamaged) {
  auto j = ti::jpeg();
  EXPECT_EQ(check(j.substr(0, j.size() - 10)).code, "files.image_damaged") << "no end marker";
  EXPECT_EQ(check(std::string("\xFF\xD8\xFF", 3) + "<html></html>" + std::string("\xFF\xD9", 2)).code, "files.image_damaged")
      << "JPEG magic followed by HTML";
  EXPECT_EQ(check(ti::jpeg(0, 100)).code, "files.image_damaged") << "zero width";
  auto p = ti::png();
  EXPECT_EQ(check(p.substr(0, p.size() - 12)).code, "files.image_damaged") << "no IEND";
  EXPECT_EQ(check(p.substr(0, 8) + "<html></html>").code, "files.image_damaged") << "PNG signature followed by HTML";
  EXPECT_EQ(check(ti::png(0, 0)).code, "files.image_damaged");
}
}  // namespace
}  // namespace xt::files
