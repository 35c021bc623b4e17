#include "core/files/intake.hpp"

#include <filesystem>
#include <fstream>

#include "core/files/image_check.hpp"
#include "core/files/names.hpp"
#include "core/files/office_check.hpp"
#include "core/files/pdf_check.hpp"
#include "core/files/retention.hpp"
#include "core/http/errors.hpp"

namespace xt::files {

namespace {
std::string lower_ext(const std::string& name) {
  auto dot = name.rfind('.');
  if (dot == std::string::npos) return "";
  std::string e = name.substr(dot + 1);
  for (auto& ch : e) ch = (char)std::tolower((unsigned char)ch);
  return e;
}

bool starts_as_pdf(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[5] = {};
  in.read(head, 5);
  return std::string(head, 5) == "%PDF-";
}

std::string prefixed(const std::string& name, const std::string& message) { return (name.empty() ? "" : name + "：") + message; }
}  // namespace

Intake::Intake(Store& store, std::string temp, IntakeSpec spec) : store_(store), temp_(std::move(temp)), spec_(std::move(spec)) {
  if (spec_.name_required && spec_.name.empty()) throw unprocessable("request.required", "请给出文件名（含扩展名）", "filename");
  check_name(spec_.name);
  auto pdf = [&] {
    auto r = check_pdf(temp_);
    if (!r.ok) throw unprocessable(r.code, prefixed(spec_.name, r.message), "file");
    content_type_ = "application/pdf";
    pages_ = r.pages;
    min_dpi_ = r.min_dpi;
  };
  switch (spec_.accept) {
    case Accept::Pdf:
      pdf();
      break;
    case Accept::PdfOrImage: {
      if (starts_as_pdf(temp_)) {
        pdf();
        break;
      }
      auto img = check_image(temp_);
      if (!img.ok) {
        auto msg = img.code == "files.not_image" ? spec_.what + "应为 PDF、JPEG 或 PNG 文件" : img.message;
        throw unprocessable(img.code, msg + (spec_.name.empty() ? "" : "：" + spec_.name), "file");
      }
      content_type_ = img.type;
      break;
    }
    case Accept::PdfOrOffice: {
      auto ext = lower_ext(spec_.name);
      if (ext == "pdf") {
        pdf();
        break;
      }
      auto r = check_office(temp_, ext);
      if (!r.ok) throw unprocessable(r.code, r.message + (spec_.name.empty() ? "" : "：" + spec_.name), "file");
      content_type_ = r.type;
      break;
    }
  }
  size_ = (long long)std::filesystem::file_size(temp_);
  sha256_ = sha256_file(temp_);  // once, before any write lock is taken
}

void Intake::stage(db::Conn& c) {
  conn_ = &c;
  pin_ = pin(c, store_, sha256_);
  store_.put(temp_, sha256_);
}

void Intake::committed() {
  done_ = true;
  if (pin_ && conn_) unpin(*conn_, pin_);
}

Intake::~Intake() {
  if (done_ || !conn_ || !pin_) return;
  unpin(*conn_, pin_);
  release(*conn_, store_, sha256_);  // nothing else refers to it: it goes
}
}  // namespace xt::files
