// Loading a pedestrian network from OSM XML: what is kept, and every bad file refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "modules/venues/walk/osm_xml.hpp"

using namespace xt::venues::walk;

namespace {
std::string write(const std::string& name, const std::string& text) {
  auto p = std::filesystem::temp_directory_path() / ("xt-osm-" + std::to_string(::getpid()) + "-" + name);
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}
const char* kStreets = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6" generator="test">
  <node id="1" lat="36.6500" lon="117.0000"/>
  <node id="2" lat="36.6500" lon="117.0010"/>
  <node id="3" lat="36.6510" lon="117.0010"/>
  <node id="4" lat="36.6520" lon="117.0010"/>
  <node id="5" lat="36.6600" lon="117.0100"/>
  <node id="6" lat="36.6610" lon="117.0100"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/></way>
  <way id="11"><nd ref="3"/><nd ref="4"/><tag k="highway" v="footway"/></way>
  <way id="12"><nd ref="5"/><nd ref="6"/><tag k="highway" v="motorway"/></way>
  <way id="13"><nd ref="4"/><nd ref="5"/><tag k="highway" v="service"/><tag k="access" v="private"/></way>
  <way id="14"><nd ref="1"/><nd ref="99"/><nd ref="4"/><tag k="highway" v="path"/></way>
  <way id="15"><nd ref="2"/><nd ref="4"/><tag k="building" v="yes"/></way>
</osm>
)";
}  // namespace

TEST(OsmXml, KeepsTheWalkableWaysOnly) {
  auto net = load_osm_xml(write("streets.osm", kStreets));
  EXPECT_EQ(net.nodes_read, 6u);
  EXPECT_EQ(net.ways, 3u);               // residential, footway, path (its missing node skipped)
  EXPECT_EQ(net.graph.nodes(), 4u);      // 1, 2, 3, 4: not the motorway's or the private road's
  EXPECT_EQ(net.graph.edges(), 4u);      // 1-2, 2-3, 3-4, 1-4
  auto r = net.graph.reach(0, 1.0, 100);  // node 1: 89 m to node 2 along the street
  EXPECT_EQ(r.size(), 2u);
}

TEST(OsmXml, WhoMayWalkWhere) {
  EXPECT_TRUE(walkable("footway", "", ""));
  EXPECT_TRUE(walkable("residential", "", ""));
  EXPECT_FALSE(walkable("motorway", "", ""));
  EXPECT_TRUE(walkable("trunk", "yes", ""));
  EXPECT_FALSE(walkable("cycleway", "", ""));
  EXPECT_TRUE(walkable("cycleway", "designated", ""));
  EXPECT_FALSE(walkable("footway", "no", ""));
  EXPECT_FALSE(walkable("service", "", "private"));
  EXPECT_TRUE(walkable("service", "yes", "private"));
  EXPECT_FALSE(walkable("", "", ""));
}

TEST(OsmXml, RefusesFilesThatAreNotOsmOrHoldNoWalkableWays) {
  struct Bad { const char* name; std::string text; const char* says; };
  for (auto& b : std::vector<Bad>{
           {"page.osm", "<html><body>不是地图</body></html>", "不是 OSM"},
           {"binary.osm", std::string("\x89PNG\r\n\x1a\n\0\0\0", 11), "不是 OSM"},
           {"empty.osm", "", "不是 OSM"},
           {"cut.osm", "<osm version=\"0.6\"><node id=\"1\" lat=\"36\" lon=\"117\"/><way id=\"2\">", "无法解析"},
           {"motorway.osm", "<osm><node id=\"1\" lat=\"36\" lon=\"117\"/><node id=\"2\" lat=\"36.1\" lon=\"117\"/>"
                            "<way id=\"3\"><nd ref=\"1\"/><nd ref=\"2\"/><tag k=\"highway\" v=\"motorway\"/></way></osm>", "没有可步行"},
           {"nodes.osm", "<osm><node id=\"1\" lat=\"36\" lon=\"117\"/></osm>", "没有可步行"}}) {
    SCOPED_TRACE(b.name);
    try {
      load_osm_xml(write(b.name, b.text));
      ADD_FAILURE() << "accepted";
    } catch (const LoadError& e) {
      EXPECT_NE(std::string(e.what()).find(b.says), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(load_osm_xml("/nonexistent/city.osm"), LoadError);
}
