// Evidence PDFs over HTTP: the bad files of the call each get a clear refusal and leave no file.
#include <chrono>
#include <ctime>
#include <filesystem>

#include "core/files/pdf_fixtures.hpp"
#include "integration/harness.hpp"

namespace xt::itest {
namespace {
namespace bj = boost::json;
namespace tp = xt::testing_pdf;

struct EvidenceFixture : ::testing::Test {
  Client city{shared_port()}, school{shared_port()};
  long long case_id = 0;
  void SetUp() override {
    city.login("city");
    auto call = city.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", "佐证材料测试"}, {"deadline_date", date_in_days(20)}}));
    ASSERT_EQ(call.status, 201) << call.body;
    ASSERT_EQ(school.login("sch0001").status, 200);
    auto k = school.post("/api/v1/cases", bj::serialize(bj::object{{"call_id", call.json.at("id").as_int64()}, {"title", "佐证测试案例"}}));
    ASSERT_EQ(k.status, 201) << k.body;
    case_id = k.json.at("id").as_int64();
  }
  Resp upload(Client& c, const std::string& bytes, const std::string& name = "联动共建协议", const std::string& filename = "a.pdf") {
    std::string q = "/api/v1/cases/" + std::to_string(case_id) + "/evidence?name=" + httplib::detail::encode_query_param(name) +
                    "&material_date=2023-09&filename=" + httplib::detail::encode_query_param(filename);
    return c.post(q, bytes, {{"Content-Type", "application/pdf"}});
  }
  size_t temp_files() {
    auto dir = std::filesystem::path(shared_server().dir()) / "tmp";
    if (!std::filesystem::exists(dir)) return 0;
    size_t n = 0;
    for (auto& e : std::filesystem::directory_iterator(dir)) n += e.path().filename().string().rfind("upload-", 0) == 0;
    return n;
  }
};

TEST_F(EvidenceFixture, AGoodPdfIsStoredListedAndServedAsAnAttachment) {
  auto r = upload(school, tp::plain());
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json.at("pages").as_int64(), 1);
  EXPECT_EQ(r.json.at("seq").as_int64(), 1);
  auto low = upload(school, tp::scanned(600, 850), "活动照片");
  ASSERT_EQ(low.status, 201) << low.body;
  EXPECT_TRUE(low.json.at("low_dpi").as_bool()) << "a low-resolution scan is accepted with a warning";
  auto list = school.get("/api/v1/cases/" + std::to_string(case_id) + "/evidence");
  ASSERT_EQ(list.json.at("items").as_array().size(), 2u);
  auto id = list.json.at("items").as_array()[0].at("id").as_int64();
  auto file = school.get("/api/v1/evidence/" + std::to_string(id) + "/file");
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body.substr(0, 5), "%PDF-");
  EXPECT_NE(file.header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_NE(file.header("Content-Security-Policy").find("sandbox"), std::string::npos);
  EXPECT_EQ(file.header("X-Content-Type-Options"), "nosniff");
  Client other(shared_port());
  other.login("shizhong");
  EXPECT_EQ(other.get("/api/v1/evidence/" + std::to_string(id) + "/file").status, 404);
  auto second = list.json.at("items").as_array()[1].at("id").as_int64();
  auto reorder = school.put("/api/v1/cases/" + std::to_string(case_id) + "/evidence/order", bj::serialize(bj::object{{"ids", bj::array{second, id}}}));
  EXPECT_EQ(reorder.status, 204) << reorder.body;
  EXPECT_EQ(school.get("/api/v1/cases/" + std::to_string(case_id) + "/evidence").json.at("items").as_array()[0].at("id").as_int64(), second);
  EXPECT_EQ(temp_files(), 0u);
}

TEST_F(EvidenceFixture, BadFilesAreRefusedClearlyAndLeaveNothing) {
  struct Bad { std::string bytes, code; };
  auto dir = std::filesystem::temp_directory_path() / ("xt-ev-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  tp::write((dir / "src.pdf").string(), tp::plain());
  tp::encrypt((dir / "src.pdf").string(), (dir / "locked.pdf").string(), "secret", "owner");
  std::ifstream in(dir / "locked.pdf", std::ios::binary);
  std::string locked((std::istreambuf_iterator<char>(in)), {});
  std::filesystem::remove_all(dir);
  auto whole = tp::plain();
  std::vector<Bad> bad = {
      {"<!doctype html><html><body>这是网页</body></html>", "files.not_pdf"},
      {std::string("\x89PNG\r\n\x1a\n", 8) + std::string(300, '\x01'), "files.not_pdf"},
      {"%PDF-1.4\n<html><script>alert(1)</script></html>", "files.pdf_damaged"},
      {locked, "files.pdf_encrypted"},
      {whole.substr(0, whole.size() / 2), "files.pdf_damaged"},
      {tp::plain("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"), "files.pdf_javascript"},
      {tp::plain("", {"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /F (cmd.exe) >> >>"}, "/Annots [4 0 R]"), "files.pdf_launch"},
      {tp::plain("/Names << /EmbeddedFiles << /Names [(x) 4 0 R] >> >>", {"<< /Type /Filespec /F (x) /EF << /F 5 0 R >> >>", "<< /Type /EmbeddedFile /Length 1 >>\nstream\nx\nendstream"}), "files.pdf_embedded_file"},
      {tp::with_content(tp::deflated_zeros(300u << 20)), "files.pdf_too_complex"},
      {tp::with_content("\x78\x9c not zlib at all"), "files.pdf_damaged"},
      {"", "files.empty"},
  };
  for (auto& b : bad) {
    auto r = upload(school, b.bytes);
    EXPECT_EQ(r.status, 422) << b.code << " " << r.body;
    EXPECT_EQ(r.code(), b.code) << r.body;
    EXPECT_FALSE(r.json.at("error").at("message").as_string().empty());
  }
  auto traversal = upload(school, tp::plain(), "证明", "../../etc/passwd.pdf");
  EXPECT_EQ(traversal.code(), "files.bad_name");
  EXPECT_EQ(upload(school, tp::plain(), "证明", "scan.p\r\nSet-Cookie: a=b").code(), "files.bad_name");
  EXPECT_EQ(upload(school, tp::plain(), "证明", "a\x01b.pdf").code(), "files.bad_name");
  EXPECT_EQ(upload(school, tp::plain(), "证明", std::string("\xff\xfe.pdf")).code(), "request.bad_encoding");
  std::string long_name;
  for (int i = 0; i < 101; ++i) long_name += "证";
  EXPECT_EQ(upload(school, tp::plain(), "证明", long_name + ".pdf").code(), "request.too_long") << "stored names are bounded";
  EXPECT_EQ(school.get("/api/v1/cases/" + std::to_string(case_id) + "/evidence").json.at("items").as_array().size(), 0u);
  EXPECT_EQ(temp_files(), 0u) << "every refused upload removes its temporary file";
}

TEST_F(EvidenceFixture, OrdinaryExportsPassAndLowResolutionScansCarryAWarning) {
  // LibreOffice's default export opens at a destination; a GoTo to page 1 is as harmless.
  auto lo = upload(school, tp::plain("/OpenAction [3 0 R /XYZ null null 0]"), "会议纪要");
  EXPECT_EQ(lo.status, 201) << lo.body;
  auto go = upload(school, tp::plain("/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"), "活动方案");
  EXPECT_EQ(go.status, 201) << go.body;
  auto scan = upload(school, tp::scanned(600, 850), "签到表扫描件");
  ASSERT_EQ(scan.status, 201) << scan.body;
  EXPECT_TRUE(scan.json.at("low_dpi").as_bool());
  auto& w = scan.json.at("warnings").as_array();
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(w[0].at("code").as_string(), "files.pdf_low_dpi");
  EXPECT_NE(std::string(w[0].at("message").as_string()).find("dpi"), std::string::npos);
  EXPECT_TRUE(lo.json.at("warnings").as_array().empty());
}

TEST_F(EvidenceFixture, TheEleventhPdfIsRefused) {
  for (int i = 0; i < 10; ++i) {
    // distinct content each time
    auto r = upload(school, tp::plain("/Lang (zh-" + std::to_string(i) + ")"), "材料" + std::to_string(i + 1));
    ASSERT_EQ(r.status, 201) << i << r.body;
  }
  auto r = upload(school, tp::plain("/Lang (zh-x)"), "第十一份");
  EXPECT_EQ(r.status, 409);
  EXPECT_EQ(r.code(), "cases.too_many_evidence");
  EXPECT_NE(std::string(r.json.at("error").at("message").as_string()).find("10"), std::string::npos);
  EXPECT_EQ(temp_files(), 0u);
}

TEST(Evidence, AnOversizeFileIs413) {
  Server s;
  s.start(db_url(), {"--max-upload-mb", "1"});
  Client city(s.port()), school(s.port());
  city.login("city");
  auto call = city.post("/api/v1/case-calls", bj::serialize(bj::object{{"title", "大文件"}, {"deadline_date", date_in_days(20)}}));
  school.login("sch0001");
  auto k = school.post("/api/v1/cases", bj::serialize(bj::object{{"call_id", call.json.at("id").as_int64()}, {"title", "大文件案例"}}));
  std::string big = tp::plain() + std::string(2 << 20, ' ');
  auto r = school.post("/api/v1/cases/" + std::to_string(k.json.at("id").as_int64()) + "/evidence?name=big", big, {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(r.status, 413) << r.body;
}
}  // namespace
}  // namespace xt::itest
