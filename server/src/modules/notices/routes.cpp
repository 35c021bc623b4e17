// HTTP routes of in-app notices. Marking a notice read is not audited: it changes nothing
// but the reader's own unread count.
#include "modules/notices/routes.hpp"

#include "core/workbench/workbench.hpp"

#include "core/app/app.hpp"
#include "modules/notices/service.hpp"

namespace xt::notices {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
bj::object notice_json(const Notice& n) {
  return {{"id", n.id}, {"kind", n.kind}, {"title", n.title}, {"body", n.body}, {"link", n.link},
          {"created_at", n.created_at}, {"read", n.read}};
}
}  // namespace

void register_routes(app::App& a) {
  auto& r = a.router();
  workbench::register_provider("notices", [](db::Conn& c, const access::Principal& p, long long) {
    std::vector<workbench::Card> out;
    auto unread = unread_count(c, p);
    if (unread > 0)
      out.push_back({"notices", "我的通知", {{"未读通知", std::to_string(unread), "/notices", "warning"}}, {}, "/notices", 1});
    return out;
  });
  http::ModuleRoutes add(r, "notices", 1024, /*audit=*/false);  // marking read is not worth an audit row
  add("GET", "/api/v1/notices", http::kLogin, "我的通知（unread=1 只看未读）", [](Ctx& ctx) {
    auto pg = app::page_from(ctx.req, {}, "created_at", true);
    auto unread = ctx.req.query_param("unread");
    if (unread && *unread != "0" && *unread != "1") throw bad_request("request.bad_param", "unread 只能是 0 或 1", "unread");
    auto l = list(ctx.conn(), ctx.principal(), unread && *unread == "1", pg.page, pg.size);
    bj::array items;
    for (auto& n : l.items) items.push_back(notice_json(n));
    return Response::json(bj::serialize(bj::object{{"items", items}, {"total", l.total}, {"unread", l.unread}}));
  });
  add("GET", "/api/v1/notices/unread-by-unit", http::kLogin, "各任职单位的未读通知数（切换单位时显示）", [](Ctx& ctx) {
    bj::array items;
    for (auto& u : unread_by_membership(ctx.conn(), ctx.principal()))
      items.push_back(bj::object{{"membership_id", u.membership_id}, {"unit_id", u.unit_id}, {"unread", u.unread}});
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("GET", "/api/v1/notices/unread-count", http::kLogin, "未读通知数", [](Ctx& ctx) {
    return Response::json(bj::serialize(bj::object{{"unread", unread_count(ctx.conn(), ctx.principal())}}));
  });
  add("POST", "/api/v1/notices/{id}/read", http::kLogin, "标记为已读", [](Ctx& ctx) {
    mark_read(ctx.conn(), ctx.principal(), ctx.id_param());
    return Response::no_content();
  });
  add("POST", "/api/v1/notices/read-all", http::kLogin, "全部标记为已读", [](Ctx& ctx) {
    auto n = mark_all_read(ctx.conn(), ctx.principal());
    return Response::json(bj::serialize(bj::object{{"marked", n}}));
  });
}
}  // namespace xt::notices
