// The certificate PDF and its serial numbers.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "core/docs/qr.hpp"
#include "modules/review/certificates/certificate.hpp"
#include "modules/review/certificates/serial.hpp"

using namespace xt::review;

TEST(ReviewCertificate, SerialsAreWellFormedAndUnguessableInShape) {
  auto s = make_serial("2026", 7, "q9Zx-_aB3kLm");
  EXPECT_EQ(s.substr(0, 9), "2026-007-");
  EXPECT_EQ(s.size(), 17u);
  EXPECT_TRUE(serial_well_formed(s));
  EXPECT_FALSE(serial_well_formed("2026-007-abcdefgh"));  // lower case
  EXPECT_FALSE(serial_well_formed("2026-007-ABCDEFG"));   // short
  EXPECT_FALSE(serial_well_formed("../../etc/passwd"));
  EXPECT_FALSE(serial_well_formed(""));
  EXPECT_NE(make_serial("2026", 7, "AAAAAAAAAAA"), make_serial("2026", 7, "BBBBBBBBBBB"));
}

TEST(ReviewCertificate, QrCodeOfTheVerificationLink) {
  auto m = xt::docs::qr_encode("https://xt.example.edu.cn/library/verify/2026-007-K7F3Q9XM");
  EXPECT_GE(m.size, 21);
  EXPECT_EQ(m.dark.size(), (size_t)m.size * m.size);
  // The three finder patterns: the top-left module of each is dark.
  EXPECT_TRUE(m.at(0, 0));
  EXPECT_TRUE(m.at(m.size - 1, 0));
  EXPECT_TRUE(m.at(0, m.size - 1));
}

TEST(ReviewCertificate, OnePagePdfWithTheFacts) {
  CertificateFacts f{"2026-007-K7F3Q9XM", "2026年济南市校家社协同育人典型案例征集", "家访连心桥", "济南市教育局", "2026-12-03",
                     {"济南市历下区实验小学", "泉城路社区居民委员会"}, 1, 1};
  auto pdf = certificate_pdf(f, verify_url("http://127.0.0.1:8080", f.serial));
  ASSERT_EQ(pdf.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.find("/Count 1"), std::string::npos);
  if (const char* out = std::getenv("XIETONG_WRITE_CERTIFICATE")) std::ofstream(out, std::ios::binary) << pdf;
}
