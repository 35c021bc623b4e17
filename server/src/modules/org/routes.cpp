// HTTP routes of the org module: parse, declare the permission, call the service, render.
#include "modules/org/routes.hpp"

#include "core/app/download.hpp"

#include "core/access/catalog.hpp"
#include "core/app/app.hpp"
#include "core/db/versioned_cache.hpp"
#include "core/export/xlsx.hpp"
#include "modules/org/directory.hpp"
#include "modules/org/json.hpp"
#include "modules/org/service.hpp"
#include "modules/system/dict_repo.hpp"

namespace xt::org {
namespace bj = boost::json;
using app::Ctx;
using http::Response;

namespace {
bj::value opt(const std::optional<long long>& s) { return s ? bj::value(*s) : bj::value(nullptr); }

bj::array roles_json(const std::vector<RoleRef>& rs) {
  bj::array a;
  for (auto& r : rs) a.push_back({{"id", r.id}, {"key", r.key}, {"name", r.name}});
  return a;
}

bj::object user_json(const User& u, bool mask) {
  bj::array ms;
  for (auto& m : u.memberships)
    ms.push_back({{"id", m.id}, {"unit_id", m.unit_id}, {"unit_name", m.unit_name}, {"unit_type", m.unit_type}, {"post", m.post}, {"roles", roles_json(m.roles)}});
  return {{"id", u.id}, {"username", u.username}, {"display_name", u.display_name}, {"phone", mask ? mask_phone(u.phone) : u.phone},
          {"status", u.status}, {"locked", u.locked}, {"must_change_password", u.must_change_password},
          {"last_login_at", opt(u.last_login_at)}, {"created_at", u.created_at}, {"memberships", ms}};
}

bj::object role_json(const Role& r) {
  bj::array perms, units;
  for (auto& g : r.permissions) perms.push_back({{"code", g.code}, {"scope", g.scope}});
  for (auto u : r.custom_unit_ids) units.push_back(u);
  return {{"id", r.id}, {"key", r.key}, {"name", r.name}, {"level", r.level}, {"category", r.category}, {"builtin", r.builtin},
          {"description", r.description}, {"permissions", perms}, {"custom_unit_ids", units}};
}



UnitInput unit_input(Ctx& ctx, bool with_parent) {
  auto v = ctx.body();
  json::Fields f(v);
  UnitInput in;
  if (with_parent) {
    auto p = f.opt_int("parent_id", "上级单位");
    if (p && *p > 0) in.parent_id = p;
  }
  in.name = f.req_string("name", "单位名称", 100);
  in.code = f.req_string("code", "单位编码", 50);
  in.type = f.req_string("type", "单位类型", 40);
  in.school_stage = f.opt_string("school_stage", "学段", 40);
  if (in.school_stage && in.school_stage->empty()) in.school_stage.reset();
  in.city_affiliated = f.opt_bool("city_affiliated", "局属学校").value_or(false);
  in.sort = f.opt_int_in("sort", "排序", -999999, 999999, 0);
  in.status = f.opt_string("status", "状态", 20).value_or("active");
  f.finish();
  return in;
}

UnitFilter unit_filter(const http::Request& r) {
  UnitFilter f;
  f.keyword = r.query_param("keyword").value_or("");
  f.type = r.query_param("type").value_or("");
  f.status = r.query_param("status").value_or("");
  f.parent_id = app::int_param(r, "parent_id", 0, app::kMaxId);
  if (f.keyword.size() > 100) throw bad_request("request.too_long", "关键字过长", "keyword");
  return f;
}

UserFilter user_filter(const http::Request& r) {
  UserFilter f;
  f.keyword = r.query_param("keyword").value_or("");
  f.status = r.query_param("status").value_or("");
  f.unit_id = app::int_param(r, "unit_id", 1, app::kMaxId);
  if (f.keyword.size() > 100) throw bad_request("request.too_long", "关键字过长", "keyword");
  return f;
}

std::vector<MembershipInput> memberships_input(json::Fields& f) {
  std::vector<MembershipInput> out;
  auto& arr = f.req_array("memberships", "任职", 50);
  for (size_t i = 0; i < arr.size(); ++i) {
    json::Fields m(arr[i], "memberships[" + std::to_string(i) + "].");
    MembershipInput in;
    in.unit_id = m.req_int("unit_id", "任职单位");
    in.post = m.opt_string("post", "岗位", 50).value_or("");
    in.role_ids = m.int_array("role_ids", "角色", 20);
    m.finish();
    out.push_back(std::move(in));
  }
  return out;
}

Role role_input(Ctx& ctx, bool with_key) {
  auto v = ctx.body();
  json::Fields f(v);
  Role r;
  if (with_key) r.key = f.req_string("key", "角色标识", 32);
  r.name = f.req_string("name", "角色名称", 30);
  r.level = f.req_int_in("level", "角色级别", 1, 1000);
  r.description = f.opt_string("description", "说明", 200).value_or("");
  auto& perms = f.req_array("permissions", "权限", 500);
  for (size_t i = 0; i < perms.size(); ++i) {
    json::Fields g(perms[i], "permissions[" + std::to_string(i) + "].");
    r.permissions.push_back({g.req_string("code", "权限标识", 80), g.req_string("scope", "数据范围", 30)});
    g.finish();
  }
  r.custom_unit_ids = f.int_array("custom_unit_ids", "自定义单位", 2000);
  f.finish();
  return r;
}

}  // namespace

void register_routes(app::App& a) {
  register_permissions();
  auto& r = a.router();
  http::ModuleRoutes add(r, "org");
  access::register_menu({"org", "组织机构", "/org", "OfficeBuilding", "", "", 10});
  access::register_menu({"org-units", "单位管理", "/org/units", "OfficeBuilding", "org:unit:list", "org", 11});
  access::register_menu({"org-users", "用户管理", "/org/users", "User", "org:user:list", "org", 12});
  access::register_menu({"org-roles", "角色管理", "/org/roles", "Lock", "org:role:list", "org", 13});

  // ----- units -----
  add("GET", "/api/v1/units", "org:unit:list", "单位列表（分页、筛选、排序）", [](Ctx& ctx) {
    auto pg = app::page_from(ctx.req, {"code", "name", "sort"}, "sort");
    auto f = unit_filter(ctx.req);
    // The answer depends on the caller's scope for this code and the query; it is reused
    // until any unit changes (the version is bumped in the writing transaction).
    static db::VersionedCache cache;
    auto& c = ctx.conn();
    auto key = access::scope_key(ctx.principal(), "org:unit:list") + "?" + ctx.req.query;
    auto version = ctx.data_version("units");
    if (auto hit = cache.get(key, version)) return Response::json(std::move(*hit));
    auto listing = directory::list(c, ctx.principal(), f, pg, version);
    auto body = app::list_json(listing.json(), listing.total, pg);
    cache.put(key, version, body);
    return Response::json(std::move(body));
  });
  add("GET", "/api/v1/unit-directory", "login", "单位名录（任何登录用户可搜索：名称、类型、所在区县，不含人员信息）", [](Ctx& ctx) {
    auto keyword = ctx.req.query_param("keyword").value_or("");
    if (json::char_count(keyword) > 50) throw bad_request("request.too_long", "搜索词不超过50字", "keyword");
    auto type = ctx.req.query_param("type").value_or("");
    if (type.size() > 40) throw bad_request("request.too_long", "单位类型不超过40字", "type");
    int limit = 20;
    if (auto l = ctx.req.query_param("limit"); l && !l->empty()) {
      if (l->size() > 3 || l->find_first_not_of("0123456789") != std::string::npos || std::stoi(*l) < 1 || std::stoi(*l) > 50)
        throw bad_request("request.bad_paging", "参数 limit 应为 1–50 之间的整数", "limit");
      limit = std::stoi(*l);
    }
    bj::array items;
    for (auto& d : repo::directory(ctx.conn(), keyword, type, limit))
      items.push_back(bj::object{{"id", d.id}, {"name", d.name}, {"type", d.type}, {"district", d.district}});
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("GET", "/api/v1/units/export", "org:unit:export", "导出单位（XLSX）", [](Ctx& ctx) {
    auto f = unit_filter(ctx.req);
    app::Page pg;
    pg.size = 50000;
    pg.sort = "sort";
    auto& c = ctx.conn();
    auto listing = directory::list(c, ctx.principal(), f, pg);
    std::vector<std::vector<std::string>> rows;
    for (auto& u : listing.units())
      rows.push_back({u.name, u.code, sys::dict::label(c, "unit_type", u.type), u.school_stage ? sys::dict::label(c, "school_stage", *u.school_stage) : "",
                      u.city_affiliated ? "是" : "否", u.path, u.status == "active" ? "正常" : "停用"});
    auto bytes = exporting::xlsx_table(ctx.app.config().data_dir + "/tmp", "单位", {{"单位名称"}, {"单位编码"}, {"单位类型"}, {"学段"}, {"局属学校"}, {"上级单位"}, {"状态"}}, rows);
    return app::xlsx_download(ctx, std::move(bytes), "单位列表.xlsx", "org:unit:export", "unit", (long long)rows.size());
  });
  add("GET", "/api/v1/units/{id}", "org:unit:list", "单位详情", [](Ctx& ctx) {
    return Response::json(bj::serialize(unit_json(get_unit(ctx.conn(), ctx.principal(), ctx.id_param()))));
  });
  add("GET", "/api/v1/units/{id}/children", "org:unit:list", "下级单位（树形懒加载）", [](Ctx& ctx) {
    auto id = ctx.id_param();
    auto& c = ctx.conn();
    std::vector<Unit> kids;
    if (id == 0) {
      UnitFilter f;
      f.parent_id = 0;
      app::Page pg;
      pg.size = 2000;
      pg.sort = "sort";
      kids = directory::list(c, ctx.principal(), f, pg).units();
    } else {
      get_unit(c, ctx.principal(), id);
      kids = repo::children(c, ctx.principal(), id);
    }
    bj::array items;
    for (auto& u : kids) items.push_back(unit_json(u));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("GET", "/api/v1/units/{id}/history", "org:unit:list", "单位变更（移动）记录", [](Ctx& ctx) {
    auto id = ctx.id_param();
    get_unit(ctx.conn(), ctx.principal(), id);
    return Response::json(bj::serialize(bj::object{{"items", repo::unit_history(ctx.conn(), id)}}));
  });
  add("POST", "/api/v1/units", "org:unit:create", "新增单位", [](Ctx& ctx) {
    auto in = unit_input(ctx, true);
    auto who = ctx.caller();
    auto u = create_unit(ctx.conn(), who, in);
    return Response::json(bj::serialize(unit_json(u)), 201);
  });
  add("PUT", "/api/v1/units/{id}", "org:unit:update", "修改单位", [](Ctx& ctx) {
    auto in = unit_input(ctx, false);
    auto u = update_unit(ctx.conn(), ctx.caller(), ctx.id_param(), in);
    return Response::json(bj::serialize(unit_json(u)));
  });
  add("POST", "/api/v1/units/{id}/move", "org:unit:update", "移动单位到新的上级", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto p = f.opt_int("parent_id", "新的上级单位");
    f.finish();
    std::optional<long long> parent;
    if (p && *p > 0) parent = p;
    auto u = move_unit(ctx.conn(), ctx.caller(), ctx.id_param(), parent);
    return Response::json(bj::serialize(unit_json(u)));
  });
  add("DELETE", "/api/v1/units/{id}", "org:unit:delete", "删除单位（软删除）", [](Ctx& ctx) {
    delete_unit(ctx.conn(), ctx.caller(), ctx.id_param());
    return Response::no_content();
  });

  // ----- users -----
  add("GET", "/api/v1/users", "org:user:list", "用户列表（分页、筛选、排序）", [](Ctx& ctx) {
    auto pg = app::page_from(ctx.req, {"username", "display_name", "created_at", "last_login_at"}, "created_at", true);
    auto [users, total] = repo::list_users(ctx.conn(), ctx.principal(), "org:user:list", user_filter(ctx.req), pg);
    bj::array items;
    for (auto& u : users) items.push_back(user_json(u, true));
    return Response::json(app::list_json(std::move(items), total, pg));
  });
  add("GET", "/api/v1/users/export", "org:user:export", "导出用户（XLSX）", [](Ctx& ctx) {
    app::Page pg;
    pg.size = 50000;
    pg.sort = "username";
    auto& c = ctx.conn();
    auto [users, total] = repo::list_users(c, ctx.principal(), "org:user:export", user_filter(ctx.req), pg);
    std::vector<std::vector<std::string>> rows;
    for (auto& u : users) {
      std::string ms;
      for (auto& m : u.memberships) {
        if (!ms.empty()) ms += "；";
        ms += m.unit_name + (m.post.empty() ? "" : "·" + m.post);
        for (size_t i = 0; i < m.roles.size(); ++i) ms += (i ? "、" : "（") + m.roles[i].name + (i + 1 == m.roles.size() ? "）" : "");
      }
      rows.push_back({u.username, u.display_name, mask_phone(u.phone), ms, u.status == "active" ? "启用" : "停用"});
    }
    auto bytes = exporting::xlsx_table(ctx.app.config().data_dir + "/tmp", "用户", {{"用户名"}, {"姓名"}, {"手机号"}, {"任职单位及角色"}, {"状态"}}, rows);
    return app::xlsx_download(ctx, std::move(bytes), "用户列表.xlsx", "org:user:export", "user", (long long)rows.size());
  });
  add("GET", "/api/v1/users/{id}", "org:user:list", "用户详情", [](Ctx& ctx) {
    return Response::json(bj::serialize(user_json(get_user(ctx.conn(), ctx.principal(), ctx.id_param()), false)));
  });
  add("POST", "/api/v1/users", "org:user:create", "新增用户", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    UserInput in;
    in.username = f.req_string("username", "用户名", 32);
    in.display_name = f.req_string("display_name", "姓名", 50);
    in.phone = f.opt_string("phone", "手机号", 20).value_or("");
    in.password = f.req_secret("password", "初始密码", 128);
    in.memberships = memberships_input(f);
    f.finish();
    auto u = create_user(ctx.conn(), ctx.caller(), in, ctx.app.config().password);
    return Response::json(bj::serialize(user_json(u, false)), 201);
  });
  add("PUT", "/api/v1/users/{id}", "org:user:update", "修改用户", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto name = f.req_string("display_name", "姓名", 50);
    auto phone = f.opt_string("phone", "手机号", 20).value_or("");
    auto status = f.opt_string("status", "状态", 20).value_or("active");
    f.finish();
    auto u = update_user(ctx.conn(), ctx.caller(), ctx.id_param(), name, phone, status);
    ctx.app.sessions().changed_user(ctx.conn(), u.id);  // the name in the header, on every server
    return Response::json(bj::serialize(user_json(u, false)));
  });
  add("PUT", "/api/v1/users/{id}/memberships", "org:user:grant", "设置用户的任职与角色", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto ms = memberships_input(f);
    f.finish();
    auto u = set_memberships(ctx.conn(), ctx.caller(), ctx.id_param(), ms);
    ctx.app.sessions().forget_all(ctx.conn());
    return Response::json(bj::serialize(user_json(u, false)));
  });
  add("POST", "/api/v1/users/{id}/reset-password", "org:user:update", "重置密码（下次登录须修改）", [](Ctx& ctx) {
    auto v = ctx.body();
    json::Fields f(v);
    auto pw = f.req_secret("password", "新的初始密码", 128);
    f.finish();
    reset_password(ctx.conn(), ctx.caller(), ctx.id_param(), pw, ctx.app.config().password);
    ctx.app.sessions().forget_all(ctx.conn());
    return Response::no_content();
  });
  add("POST", "/api/v1/users/{id}/unlock", "org:user:update", "解除登录锁定", [](Ctx& ctx) {
    unlock_user(ctx.conn(), ctx.caller(), ctx.id_param());
    return Response::no_content();
  });
  add("DELETE", "/api/v1/users/{id}", "org:user:delete", "删除用户（软删除）", [](Ctx& ctx) {
    delete_user(ctx.conn(), ctx.caller(), ctx.id_param());
    ctx.app.sessions().forget_all(ctx.conn());
    return Response::no_content();
  });

  // ----- roles -----
  add("GET", "/api/v1/roles", "org:role:list", "角色列表", [](Ctx& ctx) {
    bj::array items;
    for (auto& r : repo::list_roles(ctx.conn())) items.push_back(role_json(r));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("GET", "/api/v1/roles/assignable", "login", "当前用户可授予的角色", [](Ctx& ctx) {
    bj::array items;
    for (auto& r : assignable_roles(ctx.conn(), ctx.principal())) items.push_back(role_json(r));
    return Response::json(bj::serialize(bj::object{{"items", items}}));
  });
  add("GET", "/api/v1/permissions", "org:role:list", "权限标识与数据范围目录", [](Ctx& ctx) {
    bj::array perms, scopes;
    for (auto& p : access::permissions()) {
      bj::array rel;
      for (auto& s : p.scopes) rel.push_back(bj::value(s));
      perms.push_back({{"code", p.code}, {"name", p.name}, {"module", p.module}, {"module_name", p.module_name}, {"scopes", rel},
                       {"audit_reads", p.audit_reads}});
    }
    for (auto& s : access::scope_kinds()) scopes.push_back({{"kind", s.kind}, {"label", s.label}, {"relationship", s.relationship}});
    return Response::json(bj::serialize(bj::object{{"permissions", perms}, {"scopes", scopes}}));
  });
  add("POST", "/api/v1/roles", "org:role:create", "新增角色", [](Ctx& ctx) {
    auto r = create_role(ctx.conn(), ctx.caller(), role_input(ctx, true));
    return Response::json(bj::serialize(role_json(r)), 201);
  });
  add("PUT", "/api/v1/roles/{id}", "org:role:update", "修改角色及其权限", [](Ctx& ctx) {
    auto r = update_role(ctx.conn(), ctx.caller(), ctx.id_param(), role_input(ctx, false));
    ctx.app.sessions().forget_all(ctx.conn());
    return Response::json(bj::serialize(role_json(r)));
  });
  add("DELETE", "/api/v1/roles/{id}", "org:role:delete", "删除角色", [](Ctx& ctx) {
    delete_role(ctx.conn(), ctx.caller(), ctx.id_param());
    return Response::no_content();
  });
}
}  // namespace xt::org
