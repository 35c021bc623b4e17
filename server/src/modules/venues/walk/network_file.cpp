#include "modules/venues/walk/network_file.hpp"

#include <cmath>
#include <cstring>

namespace xt::venues::walk {
namespace {
constexpr char kMagic[] = "XIETONG-WALK 1\n";

template <class T> void put(std::string& out, T v) { out.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_point(std::string& out, const geo::LonLat& p) {
  put<int32_t>(out, (int32_t)std::lround(p.lon * 1e7));
  put<int32_t>(out, (int32_t)std::lround(p.lat * 1e7));
}

struct Reader {
  const std::string& b;
  size_t at = 0;
  template <class T> T get() {
    if (at + sizeof(T) > b.size()) throw LoadError("步行网络文件不完整");
    T v;
    std::memcpy(&v, b.data() + at, sizeof v);
    at += sizeof v;
    return v;
  }
  geo::LonLat point() {
    double lon = get<int32_t>() / 1e7;
    double lat = get<int32_t>() / 1e7;
    return {lon, lat};
  }
};
}  // namespace

std::string serialize(const Network& n) {
  const auto& g = n.graph;
  std::string out(kMagic);
  put<uint64_t>(out, g.nodes());
  put<uint64_t>(out, g.edges());
  put<uint64_t>(out, n.ways);
  put<uint64_t>(out, n.nodes_read);
  out.reserve(out.size() + g.nodes() * 8 + g.edges() * 12);
  for (uint32_t v = 0; v < g.nodes(); ++v) put_point(out, g.at(v));
  size_t written = 0;
  for (uint32_t v = 0; v < g.nodes(); ++v)
    for (uint32_t k = g.first()[v]; k < g.first()[v + 1]; ++k)
      if (g.targets()[k] > v) {  // each undirected edge once
        put<uint32_t>(out, v);
        put<uint32_t>(out, g.targets()[k]);
        put<float>(out, g.lengths()[k]);
        ++written;
      }
  // Self-loops never enter the graph, so every edge was written once from its smaller end.
  if (written != g.edges()) throw LoadError("步行网络的边数不一致");
  put<uint64_t>(out, n.roads.size());
  for (auto& r : n.roads) {
    put<uint8_t>(out, r.rank);
    put<uint32_t>(out, (uint32_t)r.points.size());
    for (auto& p : r.points) put_point(out, p);
  }
  return out;
}

Network deserialize(const std::string& bytes) {
  if (bytes.compare(0, sizeof kMagic - 1, kMagic) != 0) throw LoadError("不是本系统的步行网络文件");
  Reader r{bytes, sizeof kMagic - 1};
  auto nodes = r.get<uint64_t>(), edges = r.get<uint64_t>();
  Network n;
  n.ways = r.get<uint64_t>();
  n.nodes_read = r.get<uint64_t>();
  if (nodes * 8 + edges * 12 > bytes.size()) throw LoadError("步行网络文件不完整");
  std::vector<geo::LonLat> pos(nodes);
  for (auto& p : pos) p = r.point();
  std::vector<Graph::Edge> es(edges);
  for (auto& e : es) {
    e.a = r.get<uint32_t>();
    e.b = r.get<uint32_t>();
    e.metres = r.get<float>();
    if (e.a >= nodes || e.b >= nodes) throw LoadError("步行网络文件损坏（边指向不存在的节点）");
  }
  n.graph = Graph(std::move(pos), es);
  auto roads = r.get<uint64_t>();
  for (uint64_t i = 0; i < roads; ++i) {
    Road road;
    road.rank = r.get<uint8_t>();
    auto k = r.get<uint32_t>();
    if ((size_t)k * 8 > bytes.size() - r.at) throw LoadError("步行网络文件不完整");
    road.points.resize(k);
    for (auto& p : road.points) p = r.point();
    n.roads.push_back(std::move(road));
  }
  return n;
}
}  // namespace xt::venues::walk
