// Files of the 教联体 work: the anchor uploads its alliance's agreement as a PDF (checked like
// evidence, replaced by a new upload), members download it, another district does not; an
// activity's organiser adds PDF or image materials, at most five, and removes them; nothing
// else is accepted and nobody else may change them.
#include "core/files/image_fixtures.hpp"
#include "core/files/pdf_fixtures.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;
namespace tp = xt::testing_pdf;

long long directory_id(Client& c, const std::string& keyword) {
  auto r = c.get("/api/v1/unit-directory?limit=5&keyword=" + httplib::detail::encode_query_param(keyword));
  return r.json.at("items").as_array().at(0).at("id").as_int64();
}

Resp send(Client& c, const std::string& path, const std::string& bytes, const std::string& filename, const std::string& type) {
  return c.post(path + "?filename=" + httplib::detail::encode_query_param(filename), bytes, {{"Content-Type", type}});
}

TEST(AllianceFiles, TheAgreementIsAPdfTheMembersRead) {
  Client lx(shared_port()), museum(shared_port()), sz(shared_port());
  ASSERT_EQ(lx.login("lixia").status, 200);
  ASSERT_EQ(museum.login("unit0001").status, 200);
  ASSERT_EQ(sz.login("shizhong").status, 200);
  auto l = lx.get("/api/v1/alliances?level=district&page_size=50");
  for (auto& a : l.json.at("items").as_array())
    if (a.at("status") != "dissolved") lx.post("/api/v1/alliances/" + std::to_string(a.at("id").as_int64()) + "/status", R"({"status":"dissolved"})");
  auto made = lx.post("/api/v1/alliances", bj::serialize(bj::object{
      {"name", "协议测试教联体"}, {"status", "formed"}, {"founded_on", "2025-06-01"},
      {"members", bj::array{bj::object{{"unit_id", directory_id(lx, "济南市博物馆")}}}}}));
  ASSERT_EQ(made.status, 201) << made.body;
  auto base = "/api/v1/alliances/" + std::to_string(made.json.at("id").as_int64());
  // not a PDF; an image is not an agreement; a member may not upload
  EXPECT_EQ(send(lx, base + "/agreement", "just text", "协议.pdf", "application/pdf").status, 422);
  EXPECT_EQ(send(lx, base + "/agreement", testing_image::png(100, 100), "协议.png", "image/png").status, 422);
  EXPECT_EQ(send(museum, base + "/agreement", tp::plain(), "协议.pdf", "application/pdf").status, 403);
  auto up = send(lx, base + "/agreement", tp::plain(), "共建协议.pdf", "application/pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  auto first = up.json.at("id").as_int64();
  auto again = send(lx, base + "/agreement", tp::plain(), "共建协议（签章版）.pdf", "application/pdf");
  ASSERT_EQ(again.status, 201) << again.body;
  auto files = museum.get(base + "/files");
  ASSERT_EQ(files.status, 200);
  ASSERT_EQ(files.json.at("items").as_array().size(), 1u) << "a new upload replaces the agreement";
  auto id = std::to_string(again.json.at("id").as_int64());
  auto got = museum.get("/api/v1/alliance/files/" + id);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.body.substr(0, 5), "%PDF-");
  EXPECT_EQ(museum.get("/api/v1/alliance/files/" + std::to_string(first)).status, 404) << "the replaced one is gone";
  EXPECT_EQ(sz.get("/api/v1/alliance/files/" + id).status, 404) << "another district";
  EXPECT_EQ(sz.get(base + "/files").status, 404);
}

TEST(AllianceFiles, AnActivityHasAtMostFiveMaterialsItsOrganiserKeeps) {
  Client museum(shared_port()), lx(shared_port());
  ASSERT_EQ(museum.login("unit0001").status, 200);
  ASSERT_EQ(lx.login("lixia").status, 200);
  auto a = museum.post("/api/v1/alliance/activities", bj::serialize(bj::object{
      {"type", "venue_lesson"}, {"title", "材料测试"}, {"dates", bj::array{"2026-03-10"}}, {"partners", bj::array{directory_id(museum, "历下区图书馆")}}}));
  ASSERT_EQ(a.status, 201) << a.body;
  auto base = "/api/v1/alliance/activities/" + std::to_string(a.json.at("id").as_int64()) + "/materials";
  EXPECT_EQ(send(lx, base, tp::plain(), "x.pdf", "application/pdf").status, 403) << "a district does not change a museum's record";
  EXPECT_EQ(send(museum, base, "<html>", "x.html", "text/html").status, 422);
  EXPECT_EQ(send(museum, base, tp::plain(), "", "application/pdf").code(), "request.required");
  long long one = 0;
  for (int i = 0; i < 5; ++i) {
    auto r = i % 2 ? send(museum, base, testing_image::jpeg(200, 150), "现场" + std::to_string(i) + ".jpg", "image/jpeg")
                   : send(museum, base, tp::plain(), "课件" + std::to_string(i) + ".pdf", "application/pdf");
    ASSERT_EQ(r.status, 201) << r.body;
    if (!one) one = r.json.at("id").as_int64();
  }
  EXPECT_EQ(send(museum, base, tp::plain(), "第六个.pdf", "application/pdf").code(), "activity.too_many_files");
  auto listed = lx.get(base);
  ASSERT_EQ(listed.status, 200) << "the partner's district reads them";
  EXPECT_EQ(listed.json.at("items").as_array().size(), 5u);
  EXPECT_EQ(lx.del("/api/v1/alliance/files/" + std::to_string(one)).status, 403);
  EXPECT_EQ(museum.del("/api/v1/alliance/files/" + std::to_string(one)).status, 204);
  EXPECT_EQ(museum.get(base).json.at("items").as_array().size(), 4u);
}
}  // namespace
}  // namespace xt::itest
