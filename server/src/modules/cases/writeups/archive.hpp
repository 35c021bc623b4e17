// A case's documents beyond the DOCX: the catalog 案例档案目录 (附件2) and the archive PDF —
// write-up, catalog, then every evidence PDF in catalog order, one bookmark per part. Each is
// cached by a fingerprint of everything it is made from, so an unchanged case is never
// rendered twice and any change (text, evidence, order, the call's format) makes a new one.
#pragma once
#include "core/docs/model.hpp"
#include "core/files/store.hpp"
#include "modules/cases/writeups/evidence.hpp"

namespace xt::cases {

struct CaseFiles {
  Case k;
  docs::Document doc;
  docs::Layout layout;
  std::vector<Evidence> evidence;
  std::string key;  // SHA-256 of every input and the renderer's version
};

// Everything a case's documents are made from (no permission check: the caller has done it).
CaseFiles case_files(db::Conn& c, const Call& call, const Case& k);
docs::Document catalog_document(const Case& k, const std::vector<Evidence>& evidence);
// Renders and merges. An evidence file that cannot be read any more throws ApiError 422
// documents.evidence_unreadable naming it.
std::string case_archive_pdf(const CaseFiles& f, files::Store& uploads);
// The same, from the cache when the fingerprint is known (document_cache + the store); returns
// the archive's SHA-256 in the store.
std::string cached_case_archive(db::Conn& c, const CaseFiles& f, const files::Stores& stores);
}  // namespace xt::cases
