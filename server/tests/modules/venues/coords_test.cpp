// Coordinate conversion against published vectors, round trips and distances.
#include <gtest/gtest.h>

#include <random>

#include "modules/venues/geo/coords.hpp"

using namespace xt::venues::geo;

TEST(Coords, PublishedVectors) {
  // The vectors of the widely used coordtransform library's documentation.
  auto g = wgs84_to_gcj02({116.404, 39.915});
  EXPECT_NEAR(g.lon, 116.41024449916938, 1e-9);
  EXPECT_NEAR(g.lat, 39.91640428150164, 1e-9);
  auto b2g = bd09_to_gcj02({116.404, 39.915});
  EXPECT_NEAR(b2g.lon, 116.39762729119315, 1e-9);
  EXPECT_NEAR(b2g.lat, 39.90865673957631, 1e-9);
  auto g2b = gcj02_to_bd09({116.404, 39.915});
  EXPECT_NEAR(g2b.lon, 116.41036949371029, 1e-9);
  EXPECT_NEAR(g2b.lat, 39.92133699351021, 1e-9);
}

TEST(Coords, InversesAreWithinAFewCentimetresOverJinan) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> lon(116.2, 117.9), lat(36.0, 37.6);
  for (int i = 0; i < 2000; ++i) {
    LonLat w{lon(rng), lat(rng)};
    EXPECT_LT(distance_m(w, gcj02_to_wgs84(wgs84_to_gcj02(w))), 0.05);
    EXPECT_LT(distance_m(w, to_wgs84(from_wgs84(w, Crs::Bd09), Crs::Bd09)), 0.05);
    // The offset itself is hundreds of metres: converting matters.
    EXPECT_GT(distance_m(w, wgs84_to_gcj02(w)), 100);
  }
}

TEST(Coords, NoOffsetOutsideChinaAndNamedSystems) {
  LonLat tokyo{139.69, 35.69};
  EXPECT_EQ(wgs84_to_gcj02(tokyo).lon, tokyo.lon);
  EXPECT_EQ(crs_from("gcj02"), Crs::Gcj02);
  EXPECT_EQ(crs_from("CGCS2000"), Crs::Wgs84);
  EXPECT_THROW(crs_from("mercator"), std::invalid_argument);
  // 泉城广场 to 趵突泉, about 500 m apart.
  EXPECT_NEAR(distance_m({117.0211, 36.6610}, {117.0159, 36.6617}), 470, 20);
}
