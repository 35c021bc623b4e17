// `xietong venues load-osm FILE`: the operator loads the city's pedestrian network from an
// OpenStreetMap extract (.osm XML; .osm.pbf as well). The graph is kept as one file in the
// store of generated files and becomes the active network: every server switches to it within
// a second of its next map request.
#pragma once
#include <string>

#include "core/db/db.hpp"
#include "core/files/store.hpp"

namespace xt::venues {
struct LoadReport {
  size_t nodes = 0, edges = 0, ways = 0, nodes_read = 0, roads = 0, bytes = 0;
  double read_s = 0, store_s = 0;
  std::string sha256;
};
// Throws walk::LoadError with a Chinese message (not OSM, no walkable ways, unreadable).
LoadReport load_osm(db::Conn& c, files::Store& generated, const std::string& tmp_dir, const std::string& path, const std::string& source_name);
}  // namespace xt::venues
