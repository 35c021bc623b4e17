#include "modules/venues/walk/osm_xml.hpp"

#include <expat.h>

#include <cstring>
#include <fstream>
#include <memory>
#include <set>
#include <unordered_map>

namespace xt::venues::walk {

bool walkable(const std::string& highway, const std::string& foot, const std::string& access) {
  static const std::set<std::string> streets = {"footway",    "path",          "pedestrian",   "living_street", "residential", "service",
                                                "unclassified", "tertiary",    "tertiary_link", "secondary",    "secondary_link",
                                                "primary",    "primary_link",  "steps",        "track",         "road",
                                                "corridor",   "bridleway"};
  bool yes = foot == "yes" || foot == "designated" || foot == "permissive";
  if (foot == "no" || foot == "private") return false;
  if ((access == "no" || access == "private") && !yes) return false;
  if (streets.count(highway)) return true;
  // Roads people walk along only where they are told they may.
  return yes && (highway == "cycleway" || highway == "trunk" || highway == "trunk_link" || highway == "motorway");
}

uint8_t road_rank(const std::string& h) {
  if (h == "motorway" || h == "trunk") return 1;
  if (h == "primary") return 2;
  if (h == "secondary") return 3;
  if (h == "tertiary") return 4;
  return 0;
}

namespace {
struct State {
  bool root_seen = false, is_osm = false;
  std::unordered_map<long long, geo::LonLat> nodes;
  bool in_way = false;
  std::vector<long long> refs;
  std::string highway, foot, access;
  std::vector<std::vector<long long>> ways;
  std::vector<std::pair<uint8_t, std::vector<long long>>> roads;
  size_t nodes_read = 0;
};

const char* attr(const XML_Char** a, const char* name) {
  for (; a && *a; a += 2)
    if (std::strcmp(a[0], name) == 0) return a[1];
  return nullptr;
}

void on_start(void* data, const XML_Char* el, const XML_Char** a) {
  auto& s = *static_cast<State*>(data);
  if (!s.root_seen) {
    s.root_seen = true;
    s.is_osm = std::strcmp(el, "osm") == 0;
    return;
  }
  if (!s.is_osm) return;
  if (std::strcmp(el, "node") == 0) {
    auto id = attr(a, "id"), lat = attr(a, "lat"), lon = attr(a, "lon");
    if (id && lat && lon) {
      s.nodes[std::atoll(id)] = {std::atof(lon), std::atof(lat)};
      ++s.nodes_read;
    }
  } else if (std::strcmp(el, "way") == 0) {
    s.in_way = true;
    s.refs.clear();
    s.highway.clear();
    s.foot.clear();
    s.access.clear();
  } else if (s.in_way && std::strcmp(el, "nd") == 0) {
    if (auto r = attr(a, "ref")) s.refs.push_back(std::atoll(r));
  } else if (s.in_way && std::strcmp(el, "tag") == 0) {
    auto k = attr(a, "k"), v = attr(a, "v");
    if (!k || !v) return;
    if (std::strcmp(k, "highway") == 0) s.highway = v;
    else if (std::strcmp(k, "foot") == 0) s.foot = v;
    else if (std::strcmp(k, "access") == 0) s.access = v;
  }
}

void on_end(void* data, const XML_Char* el) {
  auto& s = *static_cast<State*>(data);
  if (s.in_way && std::strcmp(el, "way") == 0) {
    s.in_way = false;
    if (auto rank = road_rank(s.highway); rank && s.refs.size() >= 2) s.roads.push_back({rank, s.refs});
    if (s.refs.size() >= 2 && walkable(s.highway, s.foot, s.access)) s.ways.push_back(std::move(s.refs));
    s.refs = {};
  }
}
}  // namespace

Network load_osm_xml(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError("无法打开文件：" + path);
  State s;
  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> p(XML_ParserCreate("UTF-8"), &XML_ParserFree);
  XML_SetUserData(p.get(), &s);
  XML_SetElementHandler(p.get(), on_start, on_end);
  std::vector<char> buf(1 << 16);
  for (;;) {
    in.read(buf.data(), (std::streamsize)buf.size());
    auto n = in.gcount();
    bool last = n < (std::streamsize)buf.size();
    if (XML_Parse(p.get(), buf.data(), (int)n, last) == XML_STATUS_ERROR) {
      if (!s.root_seen || !s.is_osm) throw LoadError("这不是 OSM 文件（应为 OpenStreetMap 的 .osm 数据）");
      throw LoadError("OSM 文件第" + std::to_string(XML_GetCurrentLineNumber(p.get())) + "行无法解析：" + XML_ErrorString(XML_GetErrorCode(p.get())));
    }
    if (s.root_seen && !s.is_osm) throw LoadError("这不是 OSM 文件（根元素应为 <osm>）");
    if (last) break;
  }
  if (!s.root_seen) throw LoadError("这不是 OSM 文件（文件为空）");
  return assemble(s.nodes, s.ways, s.roads, s.nodes_read);
}

Network assemble(const std::unordered_map<long long, geo::LonLat>& nodes, const std::vector<std::vector<long long>>& ways,
                 const std::vector<std::pair<uint8_t, std::vector<long long>>>& roads, size_t nodes_read) {
  // Only the nodes of walkable ways, numbered densely; refs to nodes not in the file are skipped.
  std::unordered_map<long long, uint32_t> index;
  std::vector<geo::LonLat> pos;
  std::vector<Graph::Edge> edges;
  auto node_of = [&](long long ref) -> long long {
    auto it = nodes.find(ref);
    if (it == nodes.end()) return -1;
    auto [at, fresh] = index.try_emplace(ref, (uint32_t)pos.size());
    if (fresh) pos.push_back(it->second);
    return at->second;
  };
  size_t kept = 0;
  for (auto& w : ways) {
    long long prev = -1;
    bool any = false;
    for (auto ref : w) {
      long long n = node_of(ref);
      if (n >= 0 && prev >= 0 && n != prev) {
        edges.push_back({(uint32_t)prev, (uint32_t)n, (float)geo::distance_m(pos[(size_t)prev], pos[(size_t)n])});
        any = true;
      }
      if (n >= 0) prev = n;
    }
    kept += any;
  }
  if (edges.empty()) throw LoadError("OSM 文件中没有可步行的道路（如 footway、residential、path）");
  Network out{Graph(std::move(pos), edges), kept, nodes_read, {}};
  for (auto& [rank, refs] : roads) {
    Road r{rank, {}};
    for (auto ref : refs)
      if (auto it = nodes.find(ref); it != nodes.end()) r.points.push_back(it->second);
    if (r.points.size() >= 2) out.roads.push_back(std::move(r));
  }
  return out;
}
}  // namespace xt::venues::walk
