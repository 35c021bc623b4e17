// The sports map of the demo city: a schematic geography (each district a rectangle around the
// real city's centre, not its true outline), a street grid written as an OpenStreetMap file
// and loaded as the operator would, school places, venues of every kind with hours per
// audience, a closure, and the 2026 holiday and school-term calendar.
#pragma once
#include <string>

#include "core/db/db.hpp"
#include "core/files/store.hpp"

namespace xt::demo {

struct VenueOptions {
  unsigned seed = 20250101;
  double spacing_m = 150;     // street grid spacing
  int per_district = 24;      // venues per district
};

struct VenueSummary {
  int venues = 0, schools_placed = 0;
  size_t nodes = 0, edges = 0;
  std::string osm_path;
};

// Writes the network file under `dir`, loads it, and adds venues and places.
VenueSummary generate_venues(db::Conn& c, files::Store& generated, const std::string& tmp_dir, const std::string& dir, const VenueOptions& o);

// A grid city of about `nodes` nodes as an .osm file (benchmarks): returns its path.
std::string write_grid_osm(const std::string& path, double west, double south, int cols, int rows, double spacing_m, unsigned seed);
}  // namespace xt::demo
