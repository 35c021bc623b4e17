// A pedestrian network from an OpenStreetMap PBF extract (.osm.pbf), decoded with protozero
// (header-only) and zlib: only what the graph needs is read (nodes, dense nodes, ways and
// their highway/foot/access tags); relations are skipped. Same graph as the XML reader.
#pragma once
#include <string>

#include "modules/venues/walk/osm_xml.hpp"

namespace xt::venues::walk {
// Throws LoadError: not a PBF file, a block that cannot be decoded, features the reader does
// not support (a required feature other than OsmSchema-V0.6 / DenseNodes), no walkable ways.
Network load_osm_pbf(const std::string& path);
}  // namespace xt::venues::walk
