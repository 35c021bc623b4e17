// An upload is authorized before its body is read, and all uploads received at once stay
// within a count: an anonymous sender cannot fill the disk, a crowd gets 503 and retries.
#include <filesystem>
#include <future>

#include "core/files/pdf_fixtures.hpp"
#include "integration/cases_fixture.hpp"

namespace xt::itest {
namespace {
size_t upload_temp_files(const std::string& dir) {
  auto tmp = std::filesystem::path(dir) / "tmp";
  if (!std::filesystem::exists(tmp)) return 0;
  size_t n = 0;
  for (auto& e : std::filesystem::directory_iterator(tmp)) n += e.path().filename().string().rfind("upload-", 0) == 0;
  return n;
}
std::string upload_head(long long case_id, size_t length, const std::string& cookie = "", const std::string& csrf = "") {
  std::string h = "POST /api/v1/cases/" + std::to_string(case_id) + "/evidence?name=x&filename=a.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  "Content-Type: application/pdf\r\nContent-Length: " + std::to_string(length) + "\r\n";
  if (!cookie.empty()) h += "Cookie: " + cookie + "\r\n";
  if (!csrf.empty()) h += "X-CSRF-Token: " + csrf + "\r\n";
  return h + "\r\n";
}
}  // namespace

TEST(UploadGate, AnAnonymousOrRefusedUploadIsAnsweredBeforeItsBody) {
  Server s;
  s.start(db_url());
  Client city(s.port());
  city.login("city");
  long long call = open_call(city, "上传先验身份");
  Client school(s.port());
  school.login("sch0001");
  auto d = new_case(school, call, "先验身份");
  // 15 MB announced, 10 bytes sent: the answer comes without the rest, and nothing is on disk.
  auto anon = raw_exchange(s.port(), upload_head(d.id, 15u << 20) + "%PDF-1.7\n%", 3000);
  EXPECT_EQ(anon.rfind("HTTP/1.1 401", 0), 0u) << anon.substr(0, 200);
  EXPECT_EQ(upload_temp_files(s.dir()), 0u);
  auto no_csrf = raw_exchange(s.port(), upload_head(d.id, 15u << 20, school.cookie()) + "%PDF-1.7\n%", 3000);
  EXPECT_EQ(no_csrf.rfind("HTTP/1.1 403", 0), 0u) << no_csrf.substr(0, 200);
  Client lx(s.port());
  lx.login("lixia");
  auto denied = raw_exchange(s.port(), upload_head(d.id, 15u << 20, lx.cookie(), lx.csrf()) + "%PDF-1.7\n%", 3000);
  EXPECT_EQ(denied.rfind("HTTP/1.1 403", 0), 0u) << "the district holds no cases:case:update: " << denied.substr(0, 200);
  EXPECT_EQ(upload_temp_files(s.dir()), 0u);
}

TEST(UploadGate, UploadsBeyondTheInFlightBoundWaitWith503) {
  Server s;
  s.start(db_url(), {"--max-inflight-uploads", "1"});
  Client city(s.port());
  city.login("city");
  long long call = open_call(city, "同时上传上限");
  Client school(s.port());
  school.login("sch0001");
  auto d = new_case(school, call, "同时上传");
  // One authorized upload that sends its head and a little of its body, then stalls.
  auto slow = std::async(std::launch::async, [&] {
    return raw_exchange(s.port(), upload_head(d.id, 1u << 20, school.cookie(), school.csrf()) + "%PDF-1.7\n%", 2500);
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  auto busy = school.post("/api/v1/cases/" + std::to_string(d.id) + "/evidence?name=y&filename=b.pdf", testing_pdf::plain(),
                          {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_EQ(busy.code(), "request.uploads_busy");
  EXPECT_EQ(busy.header("Retry-After"), "10");
  slow.get();  // the stalled upload gives up and frees its place
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  Client again(s.port());
  again.login("sch0001");
  auto ok = again.post("/api/v1/cases/" + std::to_string(d.id) + "/evidence?name=z&filename=c.pdf", testing_pdf::plain(),
                       {{"Content-Type", "application/pdf"}});
  EXPECT_EQ(ok.status, 201) << ok.body;
}
}  // namespace xt::itest
