#include "modules/review/certificates/certificate.hpp"

#include "core/docs/canvas.hpp"
#include "core/docs/zip.hpp"
#include "core/http/errors.hpp"
#include "core/time/time.hpp"
#include "modules/cases/facts.hpp"
#include "modules/org/facts.hpp"
#include "modules/review/certificates/serial.hpp"
#include "modules/review/repo.hpp"
#include "modules/review/reviews.hpp"

namespace xt::review {
namespace {
ApiError unknown() { return not_found("review.certificate_unknown", "未查到这个编号的证书。请核对证书上的编号；如有疑问，请联系颁发证书的教育局。"); }

std::optional<CertificateFacts> facts_of(db::Conn& c, const repo::Certificate& x) {
  auto r = repo::find_review(c, x.review_id);
  if (!r || r->status != "published") return std::nullopt;
  auto s = cases::facts::sent_case(c, x.case_id);
  auto call = cases::facts::call(c, r->call_id);
  if (!s || !call) return std::nullopt;
  CertificateFacts f;
  f.serial = x.serial;
  f.call_title = call->title;
  f.case_title = s->k.title;
  f.bureau = org::facts::names(c, {r->owner_unit_id})[r->owner_unit_id];
  f.issued_on = today(x.issued_at);
  f.units.push_back(s->k.owner_unit_name);
  for (auto& p : s->k.content.partners) f.units.push_back(p.name);
  f.case_id = x.case_id;
  f.review_id = x.review_id;
  return f;
}
}  // namespace

CertificateFacts verify_certificate(db::Conn& c, const std::string& serial) {
  if (!serial_well_formed(serial)) throw unknown();
  auto x = repo::find_certificate(c, serial);
  if (!x) throw unknown();
  auto f = facts_of(c, *x);
  if (!f) throw unknown();
  return *f;
}

CertificateFacts certificate_of_case(db::Conn& c, const access::Principal& p, long long case_id) {
  auto s = cases::facts::sent_case(c, case_id);
  if (!s) throw unknown();
  if (!may_see_result(p, s->k.owner_unit_id, s->k.review_unit_id)) throw unknown();
  auto r = repo::find_by_call(c, s->k.call_id);
  if (!r) throw unknown();
  for (auto& x : repo::certificates(c, r->id))
    if (x.case_id == case_id)
      if (auto f = facts_of(c, x)) return *f;
  throw unknown();
}

std::vector<CertificateFacts> certificates_of_review(db::Conn& c, long long review_id) {
  std::vector<CertificateFacts> out;
  for (auto& x : repo::certificates(c, review_id))
    if (auto f = facts_of(c, x)) out.push_back(*f);
  return out;
}

std::string verify_url(const std::string& origin, const std::string& serial) { return origin + "/library/verify/" + serial; }

std::string certificate_pdf(const CertificateFacts& f, const std::string& url) {
  using docs::CanvasText;
  docs::Canvas cv;
  cv.title = "荣誉证书 " + f.serial;
  const double W = cv.width, H = cv.height;
  cv.rects.push_back({24, 24, W - 48, H - 48, 3, 0xB22222});
  cv.rects.push_back({34, 34, W - 68, H - 68, 1, 0xB22222});
  cv.texts.push_back({"荣 誉 证 书", "方正小标宋_GBK", 44, 0, 78, W, CanvasText::Center, false, 0, 0, 0xB22222});
  std::string units;
  for (size_t i = 0; i < f.units.size(); ++i) units += (i ? "、" : "") + f.units[i];
  cv.texts.push_back({units + "：", "仿宋_GB2312", 20, 110, 180, W - 220, CanvasText::Left, false, 34});
  std::string body = "你单位报送的《" + f.case_title + "》，在" + f.call_title + "中被评为典型案例。\n特发此证，以资鼓励。";
  cv.texts.push_back({body, "仿宋_GB2312", 20, 110, 220, W - 220, CanvasText::Left, false, 34, 2});
  cv.texts.push_back({f.bureau, "仿宋_GB2312", 20, W - 480, 410, 300, CanvasText::Center});
  cv.texts.push_back({time::chinese_date(f.issued_on), "仿宋_GB2312", 20, W - 480, 446, 300, CanvasText::Center});
  cv.texts.push_back({"证书编号：" + f.serial, "仿宋_GB2312", 12, 110, H - 92, 360});
  cv.texts.push_back({"扫码或访问 " + url + " 核验", "仿宋_GB2312", 10, 110, H - 72, 480, CanvasText::Left, false, 0, 0, 0x555555});
  cv.codes.push_back({docs::qr_encode(url), W - 150, H - 150, 96});
  return docs::canvas_pdf(cv);
}

std::string certificate_file_name(const CertificateFacts& f) {
  return docs::entry_name("荣誉证书_" + f.serial + "_" + f.case_title + ".pdf", 180);
}
}  // namespace xt::review
