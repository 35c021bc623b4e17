// Sign-in routes: login, logout, me, switch unit, change password.
#include "modules/account/routes.hpp"

#include "core/access/catalog.hpp"
#include "core/auth/password.hpp"
#include "modules/account/service.hpp"

namespace xt::account {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

void register_routes(app::App& a) {
  auto& r = a.router();
  access::register_menu({"home", "首页", "/index", "HomeFilled", "login", "", 1});
  r.add({"POST", "/api/v1/auth/login", http::kPublic, "account", "登录", 8 * 1024, [](Ctx& ctx) {
           auto v = ctx.body();
           json::Fields f(v);
           auto username = f.req_string("username", "用户名", 64);
           auto password = f.req_secret("password", "密码", 128, true);
           f.finish();
           auto res = login(ctx.app, ctx.conn(), username, password, ctx.actor(), ctx.req.header("user-agent").value_or(""));
           auto p = auth::load_principal(ctx.conn(), res.user_id, res.membership_id);
           Response out = Response::json(bj::serialize(bj::object{
               {"user", {{"id", p.user_id}, {"username", p.username}, {"display_name", p.display_name}, {"must_change_password", p.must_change_password}}},
               {"csrf_token", res.csrf}}));
           out.set_header("Set-Cookie", ctx.app.session_cookie(res.token));
           return out;
         }, false});
  r.add({"POST", "/api/v1/auth/logout", http::kLogin, "account", "退出登录", 1024, [](Ctx& ctx) {
           auto& c = ctx.conn();
           db::Tx tx(c, true);
           ctx.app.sessions().destroy(c, ctx.session->token_hash);
           ctx.audit(audit::Event{"auth:logout", "user", std::to_string(ctx.principal().user_id)});
           tx.commit();
           auto out = Response::no_content();
           out.set_header("Set-Cookie", ctx.app.session_cookie("", true));
           return out;
         }});
  r.add({"GET", "/api/v1/auth/me", http::kLogin, "account", "当前用户、任职、权限与菜单", 0, [](Ctx& ctx) {
           return Response::json(bj::serialize(me_json(ctx.conn(), ctx.principal(), ctx.session->csrf)));
         }});
  r.add({"POST", "/api/v1/auth/switch", http::kLogin, "account", "切换当前任职单位", 1024, [](Ctx& ctx) {
           auto v = ctx.body();
           json::Fields f(v);
           auto mid = f.req_int("membership_id", "任职");
           f.finish();
           switch_membership(ctx.app, ctx.conn(), *ctx.session, ctx.actor(), mid);
           auto p = auth::load_principal(ctx.conn(), ctx.principal().user_id, mid);
           return Response::json(bj::serialize(me_json(ctx.conn(), p, ctx.session->csrf)));
         }});
  r.add({"POST", "/api/v1/auth/password", http::kLogin, "account", "修改本人密码", 4096, [](Ctx& ctx) {
           auto v = ctx.body();
           json::Fields f(v);
           auto old_pw = f.req_secret("old_password", "原密码", 128, true);
           auto new_pw = f.req_secret("new_password", "新密码", 128);
           f.finish();
           change_password(ctx.app, ctx.conn(), ctx.principal(), ctx.actor(), old_pw, new_pw, ctx.session->token_hash);
           return Response::no_content();
         }});
}
}  // namespace xt::account
