// A list answer built from items already rendered is the same text as one built from values.
#include <gtest/gtest.h>

#include "core/app/app.hpp"

namespace xt::app {
namespace {
TEST(ListJson, RenderedItemsGiveTheSameTextAsValues) {
  Page p;
  p.page = 3;
  p.size = 2;
  boost::json::array values{boost::json::object{{"id", 1}, {"name", "历下区\"实验\"小学"}}, boost::json::object{{"id", 2}, {"name", nullptr}}};
  std::vector<std::string> texts;
  for (auto& v : values) texts.push_back(boost::json::serialize(v));
  std::vector<std::string_view> views(texts.begin(), texts.end());
  EXPECT_EQ(list_json(views, 41, p), list_json(values, 41, p));
  EXPECT_EQ(list_json(std::vector<std::string_view>{}, 0, p), list_json(boost::json::array{}, 0, p));
}
}  // namespace
}  // namespace xt::app
