// Is an uploaded file a whole Word or Excel document (OOXML .docx/.xlsx, or the older
// .doc/.xls)? OOXML: a ZIP whose end-of-central-directory record is present and whose central
// directory names [Content_Types].xml and word/ or xl/ parts. Old formats: the OLE2 compound
// file signature and a whole number of 512-byte sectors. Nothing is executed or unpacked.
#pragma once
#include <string>

namespace xt::files {

struct OfficeReport {
  bool ok = false;
  std::string type;  // MIME type
  std::string ext;   // docx, xlsx, doc, xls
  std::string code, message;
};

// `ext` is the extension the user's file name claims (lower case, no dot); it must agree with
// the content.
OfficeReport check_office(const std::string& path, const std::string& ext);
}  // namespace xt::files
