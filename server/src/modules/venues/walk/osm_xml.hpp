// A pedestrian network from an OpenStreetMap XML extract (.osm): the nodes of walkable ways and
// an edge between each pair of consecutive nodes, with its great-circle length. Walkable: the
// footways, paths, steps, pedestrian and residential streets and the other roads people walk
// along (not motorways or trunk roads unless foot=yes; not foot=no or private access).
#pragma once
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "modules/venues/walk/graph.hpp"

namespace xt::venues::walk {

struct LoadError : std::runtime_error {
  using std::runtime_error::runtime_error;  // a Chinese message naming what is wrong
};

// A main road of the plain map layer (primary, secondary, tertiary and trunk roads, motorways):
// drawn, not walked.
struct Road {
  uint8_t rank = 3;  // 1 motorway/trunk, 2 primary, 3 secondary, 4 tertiary
  std::vector<geo::LonLat> points;
};
struct Network {
  Graph graph;
  size_t ways = 0;           // walkable ways kept
  size_t nodes_read = 0;     // every node of the file
  std::vector<Road> roads;
};
// The rank of a main road for the map layer, 0 for other ways.
uint8_t road_rank(const std::string& highway);

// Throws LoadError: not an OSM file, unreadable XML (with the line), no walkable ways.
Network load_osm_xml(const std::string& path);
// The graph of the walkable ways (node ids as in the file; refs to absent nodes skipped) and
// the main roads; throws LoadError when no walkable way remains. Shared by both readers.
Network assemble(const std::unordered_map<long long, geo::LonLat>& nodes, const std::vector<std::vector<long long>>& ways,
                 const std::vector<std::pair<uint8_t, std::vector<long long>>>& roads, size_t nodes_read);
// Is a way with these tags one people may walk along?
bool walkable(const std::string& highway, const std::string& foot, const std::string& access);
}  // namespace xt::venues::walk
