// What the route files of the typical-case call share: the caller and the JSON of calls and cases.
#pragma once
#include "core/app/download.hpp"
#include <boost/json.hpp>

#include "core/app/app.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/writeups/service.hpp"

namespace xt::cases {
boost::json::object call_json(const Call& x);
// With `call`, the object carries the 字数 counts of each section and in all.
boost::json::object case_json(const Case& k, const Call* call);
using app::stored_file;  // in core: every module answers a stored file the same way
void register_call_routes(app::App& a);
void register_case_routes(app::App& a);
void register_review_routes(app::App& a);
void register_evidence_routes(app::App& a);
void register_call_file_routes(app::App& a);
void register_document_routes(app::App& a);
}  // namespace xt::cases
