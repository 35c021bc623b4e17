// Coordinates of venues: stored in WGS-84 (= CGCS2000 at web precision, what Tianditu uses);
// imports in GCJ-02 (AMap, Tencent) or BD-09 (Baidu) are converted on the way in. The GCJ-02
// offset is the published closed form (Krasovsky ellipsoid); its inverse is found by iteration
// to well under half a metre. Outside China's bounding box there is no offset.
#pragma once
#include <string>

namespace xt::venues::geo {

struct LonLat {
  double lon = 0, lat = 0;
};

enum class Crs { Wgs84, Gcj02, Bd09 };
// "wgs84", "gcj02", "bd09" (also "cgcs2000" = WGS-84); throws std::invalid_argument otherwise.
Crs crs_from(const std::string& name);
const char* crs_name(Crs c);

bool outside_china(LonLat p);
LonLat wgs84_to_gcj02(LonLat p);
LonLat gcj02_to_wgs84(LonLat p);
LonLat gcj02_to_bd09(LonLat p);
LonLat bd09_to_gcj02(LonLat p);
LonLat to_wgs84(LonLat p, Crs from);
LonLat from_wgs84(LonLat p, Crs to);

// Great-circle distance in metres (haversine, mean Earth radius).
double distance_m(LonLat a, LonLat b);
}  // namespace xt::venues::geo
