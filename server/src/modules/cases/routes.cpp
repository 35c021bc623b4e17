// The typical-case call: its permissions, the files it keeps, its menus and periodic jobs, and
// the routes of calls, write-ups with their evidence, and the district review with packages.
#include "modules/cases/routes.hpp"

#include "core/access/catalog.hpp"
#include "core/app/app.hpp"
#include "core/files/retention.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/notify.hpp"
#include "modules/cases/permissions.hpp"
#include "modules/cases/review/workbench.hpp"
#include "modules/cases/routes_common.hpp"

namespace xt::cases {

void register_routes(app::App& a) {
  register_permissions();
  // The uploads these tables refer to stay in the store; once no row does, they go.
  files::register_reference(a.uploads().name(), "case_evidence", "file_sha256");
  files::register_reference(a.uploads().name(), "case_call_files", "file_sha256");
  files::register_reference(a.uploads().name(), "case_packages", "stamp_sha256");
  register_workbench();
  access::register_menu({"cases", "典型案例征集", "/cases", "Trophy", "", "", 20});
  access::register_menu({"cases-calls", "征集活动", "/cases/calls", "Notification", "cases:case:list", "cases", 21});
  access::register_menu({"cases-mine", "本单位案例", "/cases/mine", "EditPen", "cases:case:create", "cases", 22,
                         [](const access::Principal& p) { return unit_type_writes_cases(p.unit_type); }});
  access::register_menu({"cases-review", "初评与推荐", "/cases/review", "Stamp", "cases:case:review", "cases", 23,
                         [](const access::Principal& p) { return unit_pre_reviews(p.unit_type, p.unit_city_affiliated); }});
  access::register_menu({"cases-board", "报送进度", "/cases/board", "DataBoard", "cases:call:update", "cases", 24});
  a.jobs().add("cases.deadline_reminders", [](db::Conn& c, long long now) { remind_deadlines(c, now); });
  register_call_routes(a);
  register_case_routes(a);
  register_review_routes(a);
  register_evidence_routes(a);
  register_call_file_routes(a);
  register_document_routes(a);
}
}  // namespace xt::cases
