// 荣誉证书 of a selected case: the call, the case title, the units, the serial, the date, the
// bureau's name and a QR code to the public verification page; and the check of a serial.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/access/access.hpp"
#include "core/db/db.hpp"

namespace xt::review {

struct CertificateFacts {
  std::string serial, call_title, case_title, bureau, issued_on;  // issued_on: YYYY-MM-DD (Beijing)
  std::vector<std::string> units;  // the lead unit, then the partners
  long long case_id = 0, review_id = 0;
};
// 404 review.certificate_unknown for a malformed, forged or unknown serial (one answer for all).
CertificateFacts verify_certificate(db::Conn& c, const std::string& serial);
// The certificate of a case, when the principal may have it: city staff, the case's unit, the
// district that recommended it. 404 review.certificate_unknown otherwise.
CertificateFacts certificate_of_case(db::Conn& c, const access::Principal& p, long long case_id);
std::vector<CertificateFacts> certificates_of_review(db::Conn& c, long long review_id);
// The verification page a certificate's QR code opens.
std::string verify_url(const std::string& origin, const std::string& serial);
std::string certificate_pdf(const CertificateFacts& f, const std::string& url);
std::string certificate_file_name(const CertificateFacts& f);
}  // namespace xt::review
