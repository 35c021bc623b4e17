#include "modules/venues/walk/osm_pbf.hpp"

#include <protozero/pbf_reader.hpp>
#include <zlib.h>

#include <fstream>

namespace xt::venues::walk {
namespace {
constexpr size_t kMaxHeader = 64 * 1024, kMaxBlob = 32u << 20;

uint32_t be32(const unsigned char* b) { return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3]; }

std::string inflate_blob(const std::string& blob) {
  protozero::pbf_reader m(blob);
  std::string raw, zdata;
  int32_t raw_size = 0;
  while (m.next()) {
    switch (m.tag()) {
      case 1: raw = m.get_string(); break;
      case 2: raw_size = m.get_int32(); break;
      case 3: zdata = m.get_string(); break;
      default:
        if (m.tag() >= 4 && m.tag() <= 7) throw LoadError("PBF 文件使用了不支持的压缩方式（只支持 zlib 或不压缩）");
        m.skip();
    }
  }
  if (!raw.empty()) return raw;
  if (zdata.empty()) return {};
  if (raw_size <= 0 || (size_t)raw_size > kMaxBlob) throw LoadError("PBF 数据块大小不合理");
  std::string out((size_t)raw_size, '\0');
  uLongf len = (uLongf)raw_size;
  if (uncompress(reinterpret_cast<Bytef*>(out.data()), &len, reinterpret_cast<const Bytef*>(zdata.data()), (uLong)zdata.size()) != Z_OK ||
      len != (uLongf)raw_size)
    throw LoadError("PBF 数据块无法解压");
  return out;
}

struct Collect {
  std::unordered_map<long long, geo::LonLat> nodes;
  std::vector<std::vector<long long>> ways;
  std::vector<std::pair<uint8_t, std::vector<long long>>> roads;
  size_t nodes_read = 0;
};

void read_block(const std::string& data, Collect& out) {
  std::vector<std::string> strings;
  std::vector<std::string> groups;
  int64_t granularity = 100, lat_off = 0, lon_off = 0;
  protozero::pbf_reader block(data);
  while (block.next()) {
    switch (block.tag()) {
      case 1: {
        protozero::pbf_reader st = block.get_message();
        while (st.next(1)) strings.push_back(st.get_string());
        break;
      }
      case 2: groups.push_back(block.get_string()); break;
      case 17: granularity = block.get_int32(); break;
      case 19: lat_off = block.get_int64(); break;
      case 20: lon_off = block.get_int64(); break;
      default: block.skip();
    }
  }
  auto deg = [&](int64_t v, int64_t off) { return 1e-9 * (double)(off + granularity * v); };
  auto str = [&](uint32_t i) -> const std::string& {
    static const std::string empty;
    return i < strings.size() ? strings[i] : empty;
  };
  for (auto& g : groups) {
    protozero::pbf_reader group(g);
    while (group.next()) {
      if (group.tag() == 1) {  // a plain node
        protozero::pbf_reader n = group.get_message();
        int64_t id = 0, lat = 0, lon = 0;
        while (n.next()) {
          if (n.tag() == 1) id = n.get_sint64();
          else if (n.tag() == 8) lat = n.get_sint64();
          else if (n.tag() == 9) lon = n.get_sint64();
          else n.skip();
        }
        out.nodes[id] = {deg(lon, lon_off), deg(lat, lat_off)};
        ++out.nodes_read;
      } else if (group.tag() == 2) {  // dense nodes: ids and coordinates delta-coded
        protozero::pbf_reader d = group.get_message();
        std::vector<int64_t> ids, lats, lons;
        while (d.next()) {
          if (d.tag() == 1) for (auto v : d.get_packed_sint64()) ids.push_back(v);
          else if (d.tag() == 8) for (auto v : d.get_packed_sint64()) lats.push_back(v);
          else if (d.tag() == 9) for (auto v : d.get_packed_sint64()) lons.push_back(v);
          else d.skip();
        }
        if (lats.size() != ids.size() || lons.size() != ids.size()) throw LoadError("PBF 文件的节点数据不完整");
        int64_t id = 0, lat = 0, lon = 0;
        for (size_t i = 0; i < ids.size(); ++i) {
          id += ids[i];
          lat += lats[i];
          lon += lons[i];
          out.nodes[id] = {deg(lon, lon_off), deg(lat, lat_off)};
        }
        out.nodes_read += ids.size();
      } else if (group.tag() == 3) {  // a way
        protozero::pbf_reader w = group.get_message();
        std::vector<uint32_t> keys, vals;
        std::vector<long long> refs;
        while (w.next()) {
          if (w.tag() == 2) for (auto v : w.get_packed_uint32()) keys.push_back(v);
          else if (w.tag() == 3) for (auto v : w.get_packed_uint32()) vals.push_back(v);
          else if (w.tag() == 8) {
            int64_t ref = 0;
            for (auto v : w.get_packed_sint64()) refs.push_back(ref += v);
          } else w.skip();
        }
        std::string highway, foot, access;
        for (size_t i = 0; i < keys.size() && i < vals.size(); ++i) {
          auto& k = str(keys[i]);
          if (k == "highway") highway = str(vals[i]);
          else if (k == "foot") foot = str(vals[i]);
          else if (k == "access") access = str(vals[i]);
        }
        if (refs.size() < 2 || highway.empty()) continue;
        if (auto rank = road_rank(highway)) out.roads.push_back({rank, refs});
        if (walkable(highway, foot, access)) out.ways.push_back(std::move(refs));
      } else {
        group.skip();
      }
    }
  }
}
}  // namespace

Network load_osm_pbf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw LoadError("无法打开文件：" + path);
  Collect c;
  bool first = true;
  try {
    for (;;) {
      unsigned char len[4];
      in.read(reinterpret_cast<char*>(len), 4);
      if (in.gcount() == 0) break;
      if (in.gcount() != 4) throw LoadError("PBF 文件不完整");
      uint32_t hlen = be32(len);
      if (hlen == 0 || hlen > kMaxHeader) throw LoadError(first ? "这不是 OSM PBF 文件" : "PBF 文件的数据块头不合理");
      std::string header(hlen, '\0');
      if (!in.read(header.data(), hlen)) throw LoadError("PBF 文件不完整");
      protozero::pbf_reader h(header);
      std::string type;
      int32_t size = -1;
      while (h.next()) {
        if (h.tag() == 1) type = h.get_string();
        else if (h.tag() == 3) size = h.get_int32();
        else h.skip();
      }
      if (first && type != "OSMHeader") throw LoadError("这不是 OSM PBF 文件（第一个数据块应为 OSMHeader）");
      if (size < 0 || (size_t)size > kMaxBlob) throw LoadError("PBF 数据块大小不合理");
      std::string blob((size_t)size, '\0');
      if (!in.read(blob.data(), size)) throw LoadError("PBF 文件不完整");
      auto data = inflate_blob(blob);
      if (type == "OSMHeader") {
        protozero::pbf_reader hb(data);
        while (hb.next()) {
          if (hb.tag() == 4) {
            auto feature = hb.get_string();
            if (feature != "OsmSchema-V0.6" && feature != "DenseNodes") throw LoadError("PBF 文件需要不支持的特性：" + feature);
          } else {
            hb.skip();
          }
        }
      } else if (type == "OSMData") {
        read_block(data, c);
      }
      first = false;
    }
  } catch (const protozero::exception&) {
    throw LoadError(first ? "这不是 OSM PBF 文件" : "PBF 文件的数据无法解码");
  }
  if (first) throw LoadError("这不是 OSM PBF 文件（文件为空）");
  return assemble(c.nodes, c.ways, c.roads, c.nodes_read);
}
}  // namespace xt::venues::walk
