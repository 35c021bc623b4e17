// Field masking: each kind keeps just enough to recognize a value, counted in characters; the
// fields are masked at any depth of an answer; a caller holding the unmask permission sees
// them whole.
#include "core/access/mask.hpp"

#include <gtest/gtest.h>

namespace xt::access {
namespace {
namespace bj = boost::json;

TEST(Mask, EachKindKeepsJustEnough) {
  EXPECT_EQ(mask_value("13812345678", "phone"), "138****5678");
  EXPECT_EQ(mask_value("0531-86012345", "phone"), "053******2345");
  EXPECT_EQ(mask_value("370102201005061234", "id_card"), "3701**********1234");
  EXPECT_EQ(mask_value("张小明", "name"), "张**");
  EXPECT_EQ(mask_value("欧阳", "name"), "欧*");
  EXPECT_EQ(mask_value("张", "name"), "*");
  EXPECT_EQ(mask_value("12345", "phone"), "1****") << "too short to keep both ends";
  EXPECT_EQ(mask_value("历下区", "all"), "***");
  EXPECT_EQ(mask_value("abc", "unknown-kind"), "***") << "an unknown kind hides everything";
  EXPECT_EQ(mask_value("", "phone"), "");
}

TEST(Mask, FieldsAreMaskedAtAnyDepthAndOnlyStrings) {
  auto v = bj::parse(R"({"items":[{"name":"李四","phone":"13900001111","guardian":{"phone":"13700002222"}},{"phone":null,"n":3}],
                        "phone":"13600003333","phones":["13500004444"]})");
  std::vector<http::MaskedField> f = {{"phone", "phone", "t:child:unmask"}, {"name", "name", "t:child:unmask"}};
  EXPECT_EQ(apply_masks(v, f), 4);
  auto& items = v.at("items").as_array();
  EXPECT_EQ(items[0].at("name"), "李*");
  EXPECT_EQ(items[0].at("phone"), "139****1111");
  EXPECT_EQ(items[0].at("guardian").at("phone"), "137****2222");
  EXPECT_TRUE(items[1].at("phone").is_null());
  EXPECT_EQ(v.at("phone"), "136****3333");
  EXPECT_EQ(v.at("phones").as_array()[0], "13500004444") << "only the named fields";
}

TEST(Mask, TheUnmaskPermissionShowsTheFieldWhole) {
  std::vector<http::MaskedField> f = {{"phone", "phone", "t:child:unmask"}, {"id_card", "id_card", "t:child:id"}};
  Principal p;
  EXPECT_EQ(masked_for(p, f).size(), 2u);
  p.grants["t:child:unmask"] = {{"all", {}}};
  auto left = masked_for(p, f);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].field, "id_card");
}
}  // namespace
}  // namespace xt::access
