#include "modules/venues/network_load.hpp"

#include <chrono>

#include "core/files/retention.hpp"
#include "modules/venues/repo.hpp"
#include "modules/venues/walk/network_file.hpp"
#include "modules/venues/walk/osm_pbf.hpp"

namespace xt::venues {

LoadReport load_osm(db::Conn& c, files::Store& generated, const std::string& tmp_dir, const std::string& path, const std::string& source_name) {
  LoadReport rep;
  auto t0 = std::chrono::steady_clock::now();
  bool pbf = path.size() > 4 && path.compare(path.size() - 4, 4, ".pbf") == 0;
  auto net = pbf ? walk::load_osm_pbf(path) : walk::load_osm_xml(path);
  auto t1 = std::chrono::steady_clock::now();
  rep.read_s = std::chrono::duration<double>(t1 - t0).count();
  rep.nodes = net.graph.nodes();
  rep.edges = net.graph.edges();
  rep.ways = net.ways;
  rep.nodes_read = net.nodes_read;
  rep.roads = net.roads.size();
  auto bytes = walk::serialize(net);
  rep.bytes = bytes.size();
  rep.sha256 = files::sha256_bytes(bytes);
  long long pin = files::pin(c, generated, rep.sha256);
  generated.put_bytes(bytes, tmp_dir);
  repo::NetworkRow row;
  row.file_sha256 = rep.sha256;
  row.source_name = source_name;
  row.nodes = (long long)rep.nodes;
  row.edges = (long long)rep.edges;
  row.ways = (long long)rep.ways;
  std::string old;
  {
    db::Tx tx(c, true);
    if (auto a = repo::active_network(c)) old = a->file_sha256;
    repo::insert_network(c, row);
    tx.commit();
  }
  files::unpin(c, pin);
  if (!old.empty() && old != rep.sha256) files::release(c, generated, old);
  rep.store_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  return rep;
}
}  // namespace xt::venues
