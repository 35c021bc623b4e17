// Case documents over HTTP: the archive PDF of a case, its cache and staleness, evidence that
// became unreadable, and the package built in the background (progress, reuse, staleness,
// failure naming the file).
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFOutlineDocumentHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <filesystem>
#include <fstream>

#include "core/docs/zip.hpp"
#include "core/files/pdf_fixtures.hpp"
#include "core/files/store.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
namespace tp = xt::testing_pdf;

std::vector<std::string> bookmarks(const std::string& pdf) {
  QPDF q;
  q.processMemoryFile("a.pdf", pdf.data(), pdf.size());
  std::vector<std::string> out;
  for (auto& o : QPDFOutlineDocumentHelper(q).getTopLevelOutlines()) out.push_back(o.getTitle());
  return out;
}

// Overwrites the stored copy of an uploaded file, as a failing disk would.
void damage_stored(const std::string& original) { damage_in_store(shared_server().dir(), original); }

struct DocumentsFixture : ::testing::Test {
  Client city{shared_port()}, school{shared_port()}, lx{shared_port()};
  long long call = 0;
  void SetUp() override {
    city.login("city");
    lx.login("lixia");
    call = open_call(city, "案例文档测试");
    login_school_of(school, "370102");
  }
  Resp upload(Draft& d, const std::string& bytes, const std::string& name) {
    auto r = school.post("/api/v1/cases/" + std::to_string(d.id) + "/evidence?name=" + httplib::detail::encode_query_param(name) +
                             "&material_date=2024-03-05&filename=a.pdf",
                         bytes, {{"Content-Type", "application/pdf"}});
    if (r.status == 201) d.version = (int)school.get("/api/v1/cases/" + std::to_string(d.id)).json.at("version").as_int64();
    return r;
  }
  Draft recommended(const std::string& title, const std::string& evidence) {
    auto d = new_case(school, call, title);
    EXPECT_EQ(save(school, d, title, good_content()).status, 200);
    if (!evidence.empty()) EXPECT_EQ(upload(d, evidence, "家长课堂签到表").status, 201);
    EXPECT_EQ(submit(school, d).status, 200);
    EXPECT_EQ(lx.post("/api/v1/cases/" + std::to_string(d.id) + "/recommend", "").status, 200);
    return d;
  }
};

TEST_F(DocumentsFixture, ACaseArchiveIsOnePdfWithItsCatalogEvidenceAndBookmarks) {
  auto d = new_case(school, call, "“家长学校进社区”𠮷祥😀");
  auto content = good_content();
  content["sections"].as_object()["content"] = repeat("详见 https://www.example.edu.cn/a?b=1&c=2 ，编号 370102201012345678。", 40);
  ASSERT_EQ(save(school, d, "“家长学校进社区”𠮷祥😀", content).status, 200);
  ASSERT_EQ(upload(d, tp::plain(), "联动共建协议").status, 201);
  ASSERT_EQ(upload(d, tp::scanned(600, 850), "活动照片").status, 201);
  auto url = "/api/v1/cases/" + std::to_string(d.id) + "/pdf";
  auto pdf = school.get(url);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.header("Content-Type"), "application/pdf");
  EXPECT_NE(pdf.header("Content-Disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(bookmarks(pdf.body), (std::vector<std::string>{"案例文本：“家长学校进社区”𠮷祥😀", "案例档案目录", "佐证材料1：联动共建协议", "佐证材料2：活动照片"}));
  EXPECT_EQ(school.get(url).body, pdf.body) << "unchanged: the cached archive";

  ASSERT_EQ(save(school, d, "改过的标题", content).status, 200);
  auto changed = school.get(url);
  ASSERT_EQ(changed.status, 200);
  EXPECT_EQ(bookmarks(changed.body)[0], "案例文本：改过的标题") << "a change makes the cached archive stale";

  Client other(shared_port());
  login_school_of(other, "370103");
  EXPECT_EQ(other.get(url).status, 404) << "a draft stays with its unit";
  EXPECT_EQ(school.get("/api/v1/cases/99999999/pdf").status, 404);
}

TEST_F(DocumentsFixture, ACaseWithoutEvidenceHasWriteUpAndCatalog) {
  auto d = new_case(school, call, "没有佐证材料的案例");
  auto pdf = school.get("/api/v1/cases/" + std::to_string(d.id) + "/pdf");
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(bookmarks(pdf.body).size(), 2u);
}

TEST_F(DocumentsFixture, EvidenceThatBecameUnreadableIsNamedNotMerged) {
  auto d = new_case(school, call, "佐证损坏的案例");
  auto bytes = tp::plain() + "% unique " + std::to_string(::getpid()) + "-" + std::to_string(d.id) + "\n";
  ASSERT_EQ(upload(d, bytes, "损坏的签到表").status, 201);
  damage_stored(bytes);
  auto r = school.get("/api/v1/cases/" + std::to_string(d.id) + "/pdf");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.code(), "documents.evidence_unreadable");
  EXPECT_NE(r.body.find("损坏的签到表"), std::string::npos) << r.body;
}

TEST_F(DocumentsFixture, APackageIsBuiltInTheBackgroundReusedAndMadeStaleByAChange) {
  auto a = recommended("文档甲", "");
  auto b = recommended("文档乙", tp::plain());
  auto status = lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package/build");
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_TRUE(status.json.at("build").is_null());

  auto first = lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/build", "");
  ASSERT_TRUE(first.status == 202 || first.status == 200) << first.body;
  auto done = build_package(lx, call);
  ASSERT_EQ(done.json.at("status").as_string(), "done") << done.body;
  EXPECT_EQ(done.json.at("id"), first.json.at("id"));
  EXPECT_EQ(done.json.at("done"), done.json.at("total"));
  EXPECT_EQ(done.json.at("total").as_int64(), 3) << "two cases and the summary";
  auto zip = lx.get(std::string(done.json.at("download_url").as_string()));
  ASSERT_EQ(zip.status, 200);
  int pdfs = 0;
  for (auto& [name, data] : docs::unzip_archive(zip.body))
    if (name.size() > 4 && name.substr(name.size() - 4) == ".pdf") {
      ++pdfs;
      EXPECT_EQ(data.substr(0, 5), "%PDF-") << name;
    }
  EXPECT_EQ(pdfs, 2);

  auto reuse = lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/build", "");
  EXPECT_EQ(reuse.status, 200) << "nothing changed: the finished build at once";
  EXPECT_EQ(reuse.json.at("id"), done.json.at("id"));
  EXPECT_TRUE(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package/build").json.at("fresh").as_bool());

  // The order changes: the package is stale until it is built again.
  ASSERT_EQ(lx.put("/api/v1/case-calls/" + std::to_string(call) + "/recommendations",
                   bj::serialize(bj::object{{"case_ids", bj::array{b.id, a.id}}})).status, 200);
  auto stale = lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package/build");
  EXPECT_FALSE(stale.json.at("fresh").as_bool());
  EXPECT_EQ(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip").code(), "documents.not_built");
  auto rebuilt = build_package(lx, call);
  ASSERT_EQ(rebuilt.json.at("status").as_string(), "done") << rebuilt.body;
  EXPECT_NE(rebuilt.json.at("id"), done.json.at("id"));
  EXPECT_EQ(lx.get(std::string(done.json.at("download_url").as_string())).code(), "documents.build_superseded")
      << "the older ZIP gives way to the new one" << lx.get(std::string(done.json.at("download_url").as_string())).status;
  auto names = docs::unzip_archive(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip").body);
  EXPECT_NE(names[0].first.find("文档乙"), std::string::npos) << names[0].first;

  // An operator clears the generated documents: nothing claims to be ready, and a build makes it again.
  clear_store(shared_server().dir(), "generated");
  EXPECT_FALSE(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package/build").json.at("fresh").as_bool());
  EXPECT_EQ(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip").code(), "documents.not_built");
  auto again = build_package(lx, call);
  ASSERT_EQ(again.json.at("status").as_string(), "done") << again.body;
  EXPECT_EQ(lx.get("/api/v1/case-calls/" + std::to_string(call) + "/package.zip").status, 200);

  EXPECT_EQ(school.get("/api/v1/document-builds/" + std::to_string(rebuilt.json.at("id").as_int64())).status, 404)
      << "a school cannot follow the district's build";
  EXPECT_EQ(lx.get("/api/v1/document-builds/abc").code(), "request.bad_id");
  EXPECT_EQ(lx.get("/api/v1/document-builds/99999999").status, 404);
  EXPECT_EQ(lx.post("/api/v1/case-calls/" + std::to_string(call) + "/package/build?unit_id=x", "").status, 400);
}

TEST_F(DocumentsFixture, ABuildWithUnreadableEvidenceFailsNamingTheFile) {
  auto bytes = tp::plain() + "% package " + std::to_string(::getpid()) + "\n";
  recommended("坏材料案例", bytes);
  damage_stored(bytes);
  auto r = build_package(lx, call);
  ASSERT_EQ(r.json.at("status").as_string(), "failed") << r.body;
  EXPECT_NE(std::string(r.json.at("error").as_string()).find("家长课堂签到表"), std::string::npos) << r.body;
  EXPECT_EQ(lx.get(std::string(r.json.at("download_url").as_string())).code(), "documents.build_failed");
}

// The shared job routes: any kind is started, followed and downloaded through them, each kind
// deciding who may: 403 for someone who may not use the kind at all, 404 for another district.
TEST_F(DocumentsFixture, TheSharedJobRoutesStartFollowAndDownloadAPackage) {
  recommended("通用任务甲", tp::plain() + "% jobs " + std::to_string(::getpid()) + "\n");
  auto start = lx.post("/api/v1/jobs", bj::serialize(bj::object{{"kind", "cases.package"}, {"params", bj::object{{"call_id", call}}}}));
  ASSERT_TRUE(start.status == 202 || start.status == 200) << start.body;
  auto id = std::to_string(start.json.at("id").as_int64());
  EXPECT_EQ(start.json.at("kind_name").as_string(), "推荐材料包");
  auto j = start;
  for (int i = 0; i < 600 && j.json.at("status").as_string() != "done" && j.json.at("status").as_string() != "failed"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    j = lx.get("/api/v1/jobs/" + id);
  }
  ASSERT_EQ(j.json.at("status").as_string(), "done") << j.body;
  EXPECT_EQ(j.json.at("download_url").as_string(), "/api/v1/jobs/" + id + "/result");
  auto zip = lx.get("/api/v1/jobs/" + id + "/result");
  ASSERT_EQ(zip.status, 200);
  EXPECT_EQ(zip.body.substr(0, 2), "PK");
  EXPECT_EQ(lx.get("/api/v1/document-builds/" + id).json.at("status").as_string(), "done") << "the earlier address still answers";

  EXPECT_EQ(city.get("/api/v1/jobs/" + id).status, 200) << "the city follows every district's package";
  EXPECT_EQ(school.get("/api/v1/jobs/" + id).status, 404) << "a school reviews only its own unit's: not this one";
  Client museum(shared_port());
  museum.login("unit0001");
  EXPECT_EQ(museum.get("/api/v1/jobs/" + id).status, 403) << "a museum may not use package jobs at all";
  EXPECT_EQ(museum.get("/api/v1/jobs/" + id + "/result").status, 403);
  Client sz(shared_port());
  sz.login("shizhong");
  EXPECT_EQ(sz.get("/api/v1/jobs/" + id).status, 404) << "another district's job is not there for it";
  EXPECT_EQ(sz.get("/api/v1/jobs/" + id + "/result").status, 404);
  EXPECT_EQ(lx.get("/api/v1/jobs/99999999").code(), "jobs.not_found");

  EXPECT_EQ(lx.post("/api/v1/jobs", R"({"kind":"cases.nothing"})").code(), "jobs.unknown_kind");
  EXPECT_EQ(lx.post("/api/v1/jobs", R"({"kind":"cases.package","params":{}})").code(), "request.required");
  EXPECT_EQ(lx.post("/api/v1/jobs", R"({"kind":"cases.package","params":[1]})").code(), "request.bad_type");
  EXPECT_EQ(sz.post("/api/v1/jobs", bj::serialize(bj::object{{"kind", "cases.package"}, {"params", bj::object{{"call_id", call}, {"unit_id", unit_by_code(city, "370102")}}}})).status, 403)
      << "a district cannot build another district's package";
  EXPECT_EQ(museum.post("/api/v1/jobs", bj::serialize(bj::object{{"kind", "cases.package"}, {"params", bj::object{{"call_id", call}}}})).status, 403);
}
}  // namespace
}  // namespace xt::itest
