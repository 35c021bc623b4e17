// The one way an upload enters a store, whatever module receives it: the name checked, the
// content checked for what the upload may be, hashed once, pinned and put into the store
// before the row that refers to it is written, and unpinned once that row is committed.
// Whatever fails on the way (a check, the module's own rules, the transaction, a crash) leaves
// no file behind: the guard releases it, and the sweep at start clears what a crash left.
//
//   files::Intake in(app.uploads(), temp, {files::Accept::Pdf, name});   // checks; throws 422
//   in.stage(c);                       // pinned and in the store
//   db::Tx tx(c, true); ... insert the row with in.sha256() ...; tx.commit();
//   in.committed();                    // unpinned; the row holds the file now
#pragma once
#include <string>

#include "core/db/db.hpp"
#include "core/files/store.hpp"

namespace xt::files {

enum class Accept {
  Pdf,          // a checked PDF (evidence)
  PdfOrImage,   // a PDF, or a whole JPEG or PNG (a stamped scan)
  PdfOrOffice,  // a PDF, Word or Excel file, by the extension of its name (attachments)
};

struct IntakeSpec {
  Accept accept = Accept::Pdf;
  std::string name;            // the user's file name ("" allowed unless name_required)
  bool name_required = false;
  std::string what = "文件";    // what the upload is, for "…应为 PDF、JPEG 或 PNG 文件"
};

class Intake {
 public:
  // Checks the name and the content of the temporary file at `temp` and hashes it; throws
  // ApiError (422, field "file" or "filename") with the reason in Chinese.
  Intake(Store& store, std::string temp, IntakeSpec spec);
  ~Intake();
  Intake(const Intake&) = delete;
  Intake& operator=(const Intake&) = delete;

  const std::string& sha256() const { return sha256_; }
  const std::string& content_type() const { return content_type_; }
  long long size() const { return size_; }
  int pages() const { return pages_; }      // PDFs
  int min_dpi() const { return min_dpi_; }  // PDFs: lowest effective resolution of a large image, 0 = none

  // Pins the file and puts it into the store. Call outside the transaction that writes the row.
  void stage(db::Conn& c);
  // After that transaction committed: the row refers to the file now.
  void committed();

 private:
  Store& store_;
  std::string temp_;
  IntakeSpec spec_;
  std::string sha256_, content_type_;
  long long size_ = 0;
  int pages_ = 0, min_dpi_ = 0;
  db::Conn* conn_ = nullptr;
  long long pin_ = 0;
  bool done_ = false;
};
}  // namespace xt::files
