// A pedestrian network from an OpenStreetMap XML extract (.osm): the nodes of walkable ways and
// an edge between each pair of consecutive nodes, with its great-circle length. Walkable: the
// footways, paths, steps, pedestrian and residential streets and the other roads people walk
// along (not motorways or trunk roads unless foot=yes; not foot=no or private access).
#pragma once
#include <stdexcept>
#include <string>

#include "modules/venues/walk/graph.hpp"

namespace xt::venues::walk {

struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;  // a Chinese message naming what is wrong
};

struct Network {
  Graph graph;
  size_t ways = 0;           // walkable ways kept
  size_t nodes_read = 0;     // every node of the file
};

// Throws LoadError: not an OSM file, unreadable XML (with the line), no walkable ways.
Network load_osm_xml(const std::string& path);
// Is a way with these tags one people may walk along?
bool walkable(const std::string& highway, const std::string& foot, const std::string& access);
}  // namespace xt::venues::walk
