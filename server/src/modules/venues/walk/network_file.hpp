// The loaded pedestrian network as one stored file (every server reads the same one from the
// file store): node positions in 1e-7 degrees, undirected edges with their lengths, and the main
// roads of the plain map layer. Little-endian, versioned by its first line.
#pragma once
#include <string>

#include "modules/venues/walk/osm_xml.hpp"

namespace xt::venues::walk {
std::string serialize(const Network& n);
// Throws LoadError when the bytes are not a network file of this version.
Network deserialize(const std::string& bytes);
}  // namespace xt::venues::walk
