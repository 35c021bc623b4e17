#include "core/text/phone.hpp"

#include <gtest/gtest.h>

namespace xt::text {
TEST(Phone, MobilesLandlinesAndServiceNumbersPass) {
  for (auto s : {"13812345678", "+8613812345678", "138 1234 5678", "0531-86001234", "053186001234", "86001234", "0531-86001234-123",
                 "010-62345678", "400-123-4567", "8001234567"})
    EXPECT_TRUE(looks_like_phone(s)) << s;
}
TEST(Phone, WhatIsNotANumberIsRefused) {
  for (auto s : {"", "王老师", "12345", "1381234567", "23812345678", "0531-0600123", "0531--86001234", "138123456789", "tel:13812345678",
                 "0531-86001234-1234567"})
    EXPECT_FALSE(looks_like_phone(s)) << s;
}
}  // namespace xt::text
