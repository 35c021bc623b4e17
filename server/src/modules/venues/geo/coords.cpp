#include "modules/venues/geo/coords.hpp"

#include <cmath>
#include <stdexcept>

namespace xt::venues::geo {
namespace {
constexpr double kPi = 3.14159265358979324;
constexpr double kA = 6378245.0;                   // Krasovsky 1940 semi-major axis
constexpr double kEe = 0.00669342162296594323;     // its first eccentricity squared
constexpr double kXPi = kPi * 3000.0 / 180.0;

double offset_lat(double x, double y) {
  double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
  r += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
  return r;
}
double offset_lon(double x, double y) {
  double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::fabs(x));
  r += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
  r += (20.0 * std::sin(x * kPi) + 40.0 * std::sin(x / 3.0 * kPi)) * 2.0 / 3.0;
  r += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
  return r;
}
}  // namespace

Crs crs_from(const std::string& n) {
  if (n == "wgs84" || n == "WGS84" || n == "cgcs2000" || n == "CGCS2000" || n == "EPSG:4326" || n == "EPSG:4490") return Crs::Wgs84;
  if (n == "gcj02" || n == "GCJ02") return Crs::Gcj02;
  if (n == "bd09" || n == "BD09") return Crs::Bd09;
  throw std::invalid_argument("坐标系应为 wgs84、gcj02 或 bd09：" + n);
}

const char* crs_name(Crs c) { return c == Crs::Wgs84 ? "wgs84" : c == Crs::Gcj02 ? "gcj02" : "bd09"; }

bool outside_china(LonLat p) { return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271; }

LonLat wgs84_to_gcj02(LonLat p) {
  if (outside_china(p)) return p;
  double dlat = offset_lat(p.lon - 105.0, p.lat - 35.0);
  double dlon = offset_lon(p.lon - 105.0, p.lat - 35.0);
  double rad = p.lat / 180.0 * kPi;
  double magic = std::sin(rad);
  magic = 1 - kEe * magic * magic;
  double sq = std::sqrt(magic);
  dlat = (dlat * 180.0) / ((kA * (1 - kEe)) / (magic * sq) * kPi);
  dlon = (dlon * 180.0) / (kA / sq * std::cos(rad) * kPi);
  return {p.lon + dlon, p.lat + dlat};
}

LonLat gcj02_to_wgs84(LonLat p) {
  if (outside_china(p)) return p;
  // Fixed-point iteration: w ← w − (f(w) − p); converges to well under a millimetre in a few steps.
  LonLat w = p;
  for (int i = 0; i < 30; ++i) {
    LonLat g = wgs84_to_gcj02(w);
    double dlon = g.lon - p.lon, dlat = g.lat - p.lat;
    w.lon -= dlon;
    w.lat -= dlat;
    if (std::fabs(dlon) < 1e-10 && std::fabs(dlat) < 1e-10) break;
  }
  return w;
}

LonLat gcj02_to_bd09(LonLat p) {
  double z = std::sqrt(p.lon * p.lon + p.lat * p.lat) + 0.00002 * std::sin(p.lat * kXPi);
  double t = std::atan2(p.lat, p.lon) + 0.000003 * std::cos(p.lon * kXPi);
  return {z * std::cos(t) + 0.0065, z * std::sin(t) + 0.006};
}

LonLat bd09_to_gcj02(LonLat p) {
  double x = p.lon - 0.0065, y = p.lat - 0.006;
  double z = std::sqrt(x * x + y * y) - 0.00002 * std::sin(y * kXPi);
  double t = std::atan2(y, x) - 0.000003 * std::cos(x * kXPi);
  return {z * std::cos(t), z * std::sin(t)};
}

LonLat to_wgs84(LonLat p, Crs from) {
  switch (from) {
    case Crs::Wgs84: return p;
    case Crs::Gcj02: return gcj02_to_wgs84(p);
    case Crs::Bd09: {
      // The published BD-09 → GCJ-02 form is off by up to ~15 cm; refine it against the forward form.
      LonLat g = bd09_to_gcj02(p);
      for (int i = 0; i < 10; ++i) {
        LonLat b = gcj02_to_bd09(g);
        g.lon -= b.lon - p.lon;
        g.lat -= b.lat - p.lat;
      }
      return gcj02_to_wgs84(g);
    }
  }
  return p;
}

LonLat from_wgs84(LonLat p, Crs to) {
  switch (to) {
    case Crs::Wgs84: return p;
    case Crs::Gcj02: return wgs84_to_gcj02(p);
    case Crs::Bd09: return gcj02_to_bd09(wgs84_to_gcj02(p));
  }
  return p;
}

double distance_m(LonLat a, LonLat b) {
  constexpr double kR = 6371008.8;
  double p1 = a.lat * kPi / 180, p2 = b.lat * kPi / 180, dp = p2 - p1, dl = (b.lon - a.lon) * kPi / 180;
  double h = std::sin(dp / 2) * std::sin(dp / 2) + std::cos(p1) * std::cos(p2) * std::sin(dl / 2) * std::sin(dl / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(h)));
}
}  // namespace xt::venues::geo
