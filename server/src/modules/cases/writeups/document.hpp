// A case as a document (附件1 layout): title, the facts the call asks for, then the sections
// under their level-1 and level-2 headings. The DOCX (and later the PDF) are made from it.
#pragma once
#include "core/docs/model.hpp"
#include "modules/cases/model.hpp"

namespace xt::cases {
docs::Document case_document(const Call& call, const Case& k, const std::vector<std::string>& partner_names);
docs::Layout layout_of(const DocFormat& f);
// "历下区实验小学_家长学校进社区.docx" with characters not allowed in file names replaced.
std::string document_file_name(const Case& k, const std::string& ext);
}  // namespace xt::cases
