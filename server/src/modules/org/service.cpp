#include "modules/org/service.hpp"

#include "modules/org/accounts.hpp"

#include "core/audit/names.hpp"

#include <algorithm>
#include <mutex>
#include <regex>
#include <set>

#include "core/access/catalog.hpp"
#include "core/auth/password.hpp"
#include "core/http/errors.hpp"
#include "core/json/json.hpp"
#include "modules/system/dict_repo.hpp"

namespace xt::org {
namespace bj = boost::json;

namespace {
std::vector<UnitReferenceCheck>& ref_checks() { static std::vector<UnitReferenceCheck> v; return v; }
std::mutex ref_mu;

bj::value opt_json(const std::optional<std::string>& s) { return s ? bj::value(*s) : bj::value(nullptr); }
bj::value opt_json(const std::optional<long long>& s) { return s ? bj::value(*s) : bj::value(nullptr); }

void validate_unit(db::Conn& c, const UnitInput& in) {
  static const std::regex code_re("^[A-Za-z0-9_-]{1,50}$");
  if (!std::regex_match(in.code, code_re))
    throw unprocessable("org.unit_code_invalid", "单位编码只能由1–50位字母、数字、下划线或短横线组成", "code");
  if (!sys::dict::has(c, "unit_type", in.type)) throw unprocessable("org.unit_type_invalid", "单位类型不在字典“单位类型”中：" + in.type, "type");
  if (in.type == "school") {
    if (!in.school_stage) throw unprocessable("request.required", "学校须选择学段", "school_stage");
    if (!sys::dict::has(c, "school_stage", *in.school_stage))
      throw unprocessable("org.school_stage_invalid", "学段不在字典“学段”中：" + *in.school_stage, "school_stage");
  } else {
    if (in.school_stage) throw unprocessable("org.school_stage_not_school", "只有学校才有学段", "school_stage");
    if (in.city_affiliated) throw unprocessable("org.city_affiliated_not_school", "只有学校才能设为局属学校", "city_affiliated");
  }
  if (in.status != "active" && in.status != "disabled") throw unprocessable("org.status_invalid", "状态应为 正常 或 停用", "status");
}

bool may_in_parent(db::Conn& c, const access::Principal& p, const std::string& perm, std::optional<long long> parent) {
  access::DbUnitTree tree(c);
  if (!parent) {
    auto it = p.grants.find(perm);
    return it != p.grants.end() && std::any_of(it->second.begin(), it->second.end(), [](auto& g) { return g.kind == "all"; });
  }
  return access::may_act_in_unit(p, perm, *parent, tree);
}

void require_unit_perm(db::Conn& c, const access::Principal& p, const std::string& perm, long long unit_id, const std::string& what) {
  access::DbUnitTree tree(c);
  auto u = repo::find_unit(c, unit_id);
  if (!access::authorize(p, perm, access::Record{unit_id, u ? u->creator_id : 0, unit_id, "unit"}, tree))
    throw forbidden("access.out_of_scope", "无权" + what + "该单位：不在您的数据范围内");
}

bj::object unit_json(const Unit& u) {
  return {{"code", u.code}, {"name", u.name}, {"type", u.type}, {"school_stage", opt_json(u.school_stage)},
          {"city_affiliated", u.city_affiliated}, {"sort", u.sort}, {"status", u.status}};
}
}  // namespace

void register_unit_reference_check(UnitReferenceCheck f) {
  std::lock_guard l(ref_mu);
  ref_checks().push_back(std::move(f));
}

std::string mask_phone(const std::string& phone) {
  if (phone.size() >= 7) return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
  return phone.empty() ? phone : std::string(phone.size(), '*');
}

// ---------------- units ----------------
Unit get_unit(db::Conn& c, const access::Principal& p, long long id) {
  auto u = repo::find_unit(c, id);
  access::DbUnitTree tree(c);
  if (!u || !access::authorize(p, "org:unit:list", access::Record{id, u->creator_id, id, "unit"}, tree))
    throw not_found("org.unit_not_found", "单位不存在或不在您的数据范围内");
  return *u;
}

namespace {
// A unit's type and its 局属 mark decide who reviews its cases and with which quota: only a
// caller whose grant covers the whole city (市教育局) sets them.
bool city_wide(const access::Principal& p, const std::string& perm) {
  auto it = p.grants.find(perm);
  if (it == p.grants.end()) return false;
  for (auto& g : it->second)
    if (g.kind == "all") return true;
  return false;
}
void require_city_for_type(const access::Principal& p, const std::string& perm, const std::string& type, bool affiliated) {
  if (city_wide(p, perm)) return;
  if (affiliated) throw forbidden("org.unit_type_city_only", "“局属”标记决定案例由谁初评、名额多少，只能由市教育局调整");
  if (type == "city_bureau" || type == "district_bureau")
    throw forbidden("org.unit_type_city_only", "教育局类单位只能由市教育局新增或调整");
}
}  // namespace

Unit create_unit(db::Conn& c, const Caller& who, const UnitInput& in) {
  db::Tx tx(c, true);
  require_city_for_type(who.p, "org:unit:create", in.type, in.city_affiliated);
  validate_unit(c, in);
  if (in.parent_id) {
    if (!repo::find_unit(c, *in.parent_id)) throw unprocessable("org.parent_not_found", "上级单位不存在", "parent_id");
  }
  if (!may_in_parent(c, who.p, "org:unit:create", in.parent_id))
    throw forbidden("access.out_of_scope", in.parent_id ? "无权在该单位下新增单位：不在您的数据范围内" : "只有全市范围的管理员可以新增顶级单位");
  if (repo::unit_id_by_code(c, in.code)) throw conflict("org.unit_code_taken", "单位编码已被使用：" + in.code, "code");
  long long id = repo::insert_unit(c, in, who.p.user_id);
  auto u = *repo::find_unit(c, id);
  audit::Event e{"org:unit:create", "unit", std::to_string(id)};
  for (auto& [k, v] : unit_json(u)) audit::change(e, std::string(k), nullptr, v);
  audit::change(e, "parent_id", nullptr, opt_json(in.parent_id));
  audit::record(c, who.actor, e);
  tx.commit();
  return u;
}

Unit update_unit(db::Conn& c, const Caller& who, long long id, const UnitInput& in) {
  db::Tx tx(c, true);
  auto before = get_unit(c, who.p, id);
  require_unit_perm(c, who.p, "org:unit:update", id, "修改");
  if ((in.type != before.type || in.city_affiliated != before.city_affiliated) && !city_wide(who.p, "org:unit:update"))
    throw forbidden("org.unit_type_city_only", "单位类型和“局属”标记决定案例由谁初评、名额多少，只能由市教育局调整");
  validate_unit(c, in);
  if (auto other = repo::unit_id_by_code(c, in.code); other && *other != id)
    throw conflict("org.unit_code_taken", "单位编码已被使用：" + in.code, "code");
  repo::update_unit(c, id, in);
  auto after = *repo::find_unit(c, id);
  audit::Event e{"org:unit:update", "unit", std::to_string(id)};
  auto b = unit_json(before), a = unit_json(after);
  for (auto& [k, v] : a) audit::change(e, std::string(k), b[k], v);
  audit::record(c, who.actor, e);
  tx.commit();
  return after;
}

Unit move_unit(db::Conn& c, const Caller& who, long long id, std::optional<long long> new_parent) {
  db::Tx tx(c, true);
  auto u = get_unit(c, who.p, id);
  require_unit_perm(c, who.p, "org:unit:update", id, "移动");
  if (new_parent == u.parent_id) { tx.commit(); return u; }
  if (new_parent) {
    if (!repo::find_unit(c, *new_parent)) throw unprocessable("org.parent_not_found", "目标上级单位不存在", "parent_id");
    access::DbUnitTree tree(c);
    if (tree.within(*new_parent, id))
      throw conflict("org.unit_cycle", "不能把单位移到它自己或它的下级单位之下（会形成循环）", "parent_id");
  }
  if (!may_in_parent(c, who.p, "org:unit:update", new_parent))
    throw forbidden("access.out_of_scope", "无权移动到该上级单位：不在您的数据范围内");
  repo::move_unit(c, id, new_parent, who.p.user_id);
  audit::Event e{"org:unit:move", "unit", std::to_string(id)};
  audit::change(e, "parent_id", opt_json(u.parent_id), opt_json(new_parent));
  audit::record(c, who.actor, e);
  auto after = *repo::find_unit(c, id);
  tx.commit();
  return after;
}

void delete_unit(db::Conn& c, const Caller& who, long long id) {
  db::Tx tx(c, true);
  auto u = get_unit(c, who.p, id);
  require_unit_perm(c, who.p, "org:unit:delete", id, "删除");
  if (auto n = repo::count_children(c, id); n > 0)
    throw conflict("org.unit_has_children", "“" + u.name + "”还有" + std::to_string(n) + "个下级单位，请先移走或删除下级单位");
  if (auto n = repo::count_unit_members(c, id); n > 0)
    throw conflict("org.unit_has_members", "“" + u.name + "”还有" + std::to_string(n) + "名用户任职，请先调整这些用户的任职");
  std::vector<UnitReferenceCheck> checks;
  { std::lock_guard l(ref_mu); checks = ref_checks(); }
  for (auto& f : checks)
    if (auto why = f(c, id)) throw conflict("org.unit_referenced", "“" + u.name + "”仍被引用：" + *why);
  repo::soft_delete_unit(c, id);
  audit::Event e{"org:unit:delete", "unit", std::to_string(id)};
  audit::change(e, "name", u.name, nullptr);
  audit::change(e, "code", u.code, nullptr);
  audit::record(c, who.actor, e);
  tx.commit();
}

// ---------------- users ----------------
void validate_username(const std::string& s) {
  static const std::regex re("^[A-Za-z0-9_.-]{3,32}$");
  if (!std::regex_match(s, re)) throw unprocessable("org.username_invalid", "用户名为3–32位字母、数字、下划线、点或短横线", "username");
}
void validate_phone(const std::string& s) {
  static const std::regex re("^[0-9+-]{7,20}$");
  if (!s.empty() && !std::regex_match(s, re)) throw unprocessable("org.phone_invalid", "联系电话格式不正确：" + s, "phone");
}

namespace {

// Checks a membership list against the caller's scope, level and 三员 separation.
std::vector<Role> check_memberships(db::Conn& c, const access::Principal& p, const std::string& perm, const std::vector<MembershipInput>& ms) {
  if (ms.empty()) throw unprocessable("org.membership_required", "至少需要一个任职单位", "memberships");
  access::DbUnitTree tree(c);
  std::set<long long> units;
  std::vector<Role> roles;
  std::set<std::string> admin_cats;
  Duties duties;
  for (size_t i = 0; i < ms.size(); ++i) {
    auto field = "memberships[" + std::to_string(i) + "]";
    auto& m = ms[i];
    if (!units.insert(m.unit_id).second) throw unprocessable("org.membership_duplicate", "同一单位只能任职一次", field + ".unit_id");
    auto u = repo::find_unit(c, m.unit_id);
    if (!u) throw unprocessable("org.unit_not_found", "任职单位不存在", field + ".unit_id");
    if (!access::may_act_in_unit(p, perm, m.unit_id, tree))
      throw forbidden("access.out_of_scope", "无权在“" + u->name + "”任命用户：不在您的数据范围内");
    std::set<long long> seen_roles;
    for (auto rid : m.role_ids) {
      if (!seen_roles.insert(rid).second) throw unprocessable("org.role_duplicate", "同一任职中的角色重复", field + ".role_ids");
      auto r = repo::find_role(c, rid);
      if (!r) throw unprocessable("org.role_not_found", "角色不存在：" + std::to_string(rid), field + ".role_ids");
      if (r->level >= p.max_level)
        throw forbidden("org.role_above_own", "只能授予低于您自己级别的角色，不能授予“" + r->name + "”");
      if (is_admin_category(r->category)) admin_cats.insert(r->category);
      for (auto& g : r->permissions) duties.add(g.code);
      roles.push_back(*r);
    }
  }
  if (admin_cats.size() > 1)
    throw conflict("org.separation_of_duties", "系统管理员、安全管理员、审计管理员须由不同账号担任（三员分立）", "memberships");
  if (auto why = duties.conflict(); !why.empty()) throw conflict("org.separation_of_duties", "这些角色不能授予同一个人：" + why, "memberships");
  return roles;
}

void require_manageable(db::Conn& c, const access::Principal& p, const std::string& perm, long long user_id) {
  access::DbUnitTree tree(c);
  bool in_scope = false;
  for (auto u : repo::member_units(c, user_id))
    if (access::authorize(p, perm, access::Record{u, 0, user_id, "user"}, tree)) { in_scope = true; break; }
  if (!in_scope) throw not_found("org.user_not_found", "用户不存在或不在您的数据范围内");
  if (user_id != p.user_id && repo::max_role_level_of_user(c, user_id) >= p.max_level)
    throw forbidden("org.user_above_own", "不能管理级别不低于您自己的用户");
}

bj::object memberships_json(const std::vector<Membership>& ms) {
  bj::array a;
  for (auto& m : ms) {
    bj::array roles;
    for (auto& r : m.roles) roles.push_back(bj::value(r.key));
    a.push_back({{"unit_id", m.unit_id}, {"unit", m.unit_name}, {"post", m.post}, {"roles", roles}});
  }
  return {{"memberships", a}};
}
}  // namespace

User get_user(db::Conn& c, const access::Principal& p, long long id) {
  auto u = repo::find_user(c, id);
  if (!u) throw not_found("org.user_not_found", "用户不存在或不在您的数据范围内");
  access::DbUnitTree tree(c);
  bool visible = u->id == p.user_id;
  for (auto& m : u->memberships)
    if (access::authorize(p, "org:user:list", access::Record{m.unit_id, 0, id, "user"}, tree)) visible = true;
  if (!visible) throw not_found("org.user_not_found", "用户不存在或不在您的数据范围内");
  return *u;
}

User create_user(db::Conn& c, const Caller& who, const UserInput& in, const PasswordPolicy& policy) {
  validate_username(in.username);
  validate_phone(in.phone);
  if (auto why = auth::policy_violation(in.password, policy, in.username)) throw unprocessable("auth.password_weak", *why, "password");
  auto hash = auth::hash_password(in.password);  // slow: outside the transaction
  db::Tx tx(c, true);
  check_memberships(c, who.p, "org:user:create", in.memberships);
  if (repo::user_id_by_username(c, in.username)) throw conflict("org.username_taken", "用户名已被使用：" + in.username, "username");
  long long id = repo::insert_user(c, in, hash, in.memberships[0].unit_id, who.p.user_id, true, false);
  repo::replace_memberships(c, id, in.memberships);
  auto u = *repo::find_user(c, id);
  audit::Event e{"org:user:create", "user", std::to_string(id)};
  audit::change(e, "username", nullptr, u.username);
  audit::change(e, "display_name", nullptr, u.display_name);
  audit::change(e, "phone", nullptr, mask_phone(u.phone));
  audit::change(e, "memberships", nullptr, memberships_json(u.memberships)["memberships"]);
  audit::record(c, who.actor, e);
  tx.commit();
  return u;
}

User update_user(db::Conn& c, const Caller& who, long long id, const std::string& display_name, const std::string& phone, const std::string& status) {
  validate_phone(phone);
  if (status != "active" && status != "disabled") throw unprocessable("org.status_invalid", "状态应为 启用 或 停用", "status");
  db::Tx tx(c, true);
  auto before = get_user(c, who.p, id);
  require_manageable(c, who.p, "org:user:update", id);
  if (id == who.p.user_id && status == "disabled") throw conflict("org.cannot_disable_self", "不能停用自己的账号", "status");
  repo::update_user(c, id, display_name, phone, status);
  if (status == "disabled") repo::delete_sessions_of(c, id);
  auto after = *repo::find_user(c, id);
  audit::Event e{"org:user:update", "user", std::to_string(id)};
  audit::change(e, "display_name", before.display_name, after.display_name);
  audit::change(e, "phone", mask_phone(before.phone), mask_phone(after.phone));
  audit::change(e, "status", before.status, after.status);
  audit::record(c, who.actor, e);
  tx.commit();
  return after;
}

User set_memberships(db::Conn& c, const Caller& who, long long id, const std::vector<MembershipInput>& ms) {
  db::Tx tx(c, true);
  auto before = get_user(c, who.p, id);
  require_manageable(c, who.p, "org:user:grant", id);
  if (id == who.p.user_id) throw forbidden("org.cannot_grant_self", "不能修改自己的任职与角色，请联系上级管理员");
  check_memberships(c, who.p, "org:user:grant", ms);
  // Memberships outside the caller's scope must stay as they are.
  access::DbUnitTree tree(c);
  for (auto& m : before.memberships) {
    bool kept = std::any_of(ms.begin(), ms.end(), [&](auto& x) { return x.unit_id == m.unit_id; });
    if (!kept && !access::may_act_in_unit(who.p, "org:user:grant", m.unit_id, tree))
      throw forbidden("access.out_of_scope", "不能撤销“" + m.unit_name + "”的任职：不在您的数据范围内");
  }
  repo::replace_memberships(c, id, ms);
  auto after = *repo::find_user(c, id);
  audit::Event e{"org:user:grant", "user", std::to_string(id)};
  audit::change(e, "memberships", memberships_json(before.memberships)["memberships"], memberships_json(after.memberships)["memberships"]);
  audit::record(c, who.actor, e);
  tx.commit();
  return after;
}

void reset_password(db::Conn& c, const Caller& who, long long id, const std::string& password, const PasswordPolicy& policy) {
  {
    auto u = repo::find_user(c, id);
    if (u)
      if (auto why = auth::policy_violation(password, policy, u->username)) throw unprocessable("auth.password_weak", *why, "password");
  }
  auto hash = auth::hash_password(password);
  db::Tx tx(c, true);
  get_user(c, who.p, id);
  require_manageable(c, who.p, "org:user:update", id);
  repo::set_password(c, id, hash, true);
  repo::delete_sessions_of(c, id);
  audit::Event e{"org:user:reset-password", "user", std::to_string(id)};
  audit::change(e, "must_change_password", false, true);
  audit::record(c, who.actor, e);
  tx.commit();
}

void unlock_user(db::Conn& c, const Caller& who, long long id) {
  db::Tx tx(c, true);
  get_user(c, who.p, id);
  require_manageable(c, who.p, "org:user:update", id);
  repo::unlock_user(c, id);
  audit::Event e{"org:user:unlock", "user", std::to_string(id)};
  audit::record(c, who.actor, e);
  tx.commit();
}

void delete_user(db::Conn& c, const Caller& who, long long id) {
  db::Tx tx(c, true);
  auto u = get_user(c, who.p, id);
  require_manageable(c, who.p, "org:user:delete", id);
  if (id == who.p.user_id) throw conflict("org.cannot_delete_self", "不能删除自己的账号");
  repo::soft_delete_user(c, id);
  audit::Event e{"org:user:delete", "user", std::to_string(id)};
  audit::change(e, "username", u.username, nullptr);
  audit::record(c, who.actor, e);
  tx.commit();
}

// ---------------- roles ----------------
namespace {
void validate_role(db::Conn& c, const access::Principal& p, const Role& r) {
  if (r.level < 1 || r.level >= p.max_level)
    throw unprocessable("org.role_level_invalid", "角色级别须在1到" + std::to_string(p.max_level - 1) + "之间（低于您自己的级别）", "level");
  std::set<std::string> seen;
  bool custom = false;
  for (auto& g : r.permissions) {
    if (!access::known_permission(g.code)) throw unprocessable("org.permission_unknown", "未知的权限：" + g.code, "permissions");
    if (!access::find_scope(g.scope)) throw unprocessable("org.scope_unknown", "未知的数据范围：" + g.scope, "permissions");
    if (!access::scope_applies(g.code, g.scope))
      throw unprocessable("org.scope_not_applicable", "权限“" + g.code + "”不能按“" + access::find_scope(g.scope)->label + "”授予", "permissions");
    if (!seen.insert(g.code).second) throw unprocessable("org.permission_duplicate", "权限重复：" + g.code, "permissions");
    custom |= g.scope == "custom";
  }
  Duties duties;
  for (auto& g : r.permissions) duties.add(g.code);
  if (auto why = duties.conflict(); !why.empty()) throw conflict("org.separation_of_duties", "一个角色不能同时包含这些权限：" + why, "permissions");
  if (custom && r.custom_unit_ids.empty())
    throw unprocessable("org.custom_units_required", "使用“自定义单位”数据范围时须选择单位", "custom_unit_ids");
  std::set<long long> seen_units;
  for (auto u : r.custom_unit_ids)
    if (!seen_units.insert(u).second) throw unprocessable("org.custom_unit_duplicate", "自定义单位重复：" + std::to_string(u), "custom_unit_ids");
  for (auto u : r.custom_unit_ids)
    if (!repo::find_unit(c, u)) throw unprocessable("org.unit_not_found", "自定义单位不存在：" + std::to_string(u), "custom_unit_ids");
}

bj::value role_json(const Role& r) {
  bj::array perms;
  for (auto& g : r.permissions) perms.push_back(bj::value(g.code + "=" + g.scope));
  bj::array units;
  for (auto u : r.custom_unit_ids) units.push_back(u);
  return bj::object{{"name", r.name}, {"level", r.level}, {"description", r.description}, {"permissions", perms}, {"custom_unit_ids", units}};
}
}  // namespace

std::vector<Role> assignable_roles(db::Conn& c, const access::Principal& p) {
  std::vector<Role> out;
  for (auto& r : repo::list_roles(c))
    if (r.level < p.max_level) out.push_back(r);
  return out;
}

Role create_role(db::Conn& c, const Caller& who, Role r) {
  static const std::regex key_re("^[a-z][a-z0-9_]{1,31}$");
  if (!std::regex_match(r.key, key_re)) throw unprocessable("org.role_key_invalid", "角色标识为2–32位小写字母、数字或下划线，以字母开头", "key");
  db::Tx tx(c, true);
  validate_role(c, who.p, r);
  if (repo::find_role_by_key(c, r.key)) throw conflict("org.role_key_taken", "角色标识已被使用：" + r.key, "key");
  r.category = "business";
  r.builtin = false;
  r.id = repo::insert_role(c, r);
  audit::Event e{"org:role:create", "role", std::to_string(r.id)};
  audit::change(e, "role", nullptr, role_json(r));
  audit::record(c, who.actor, e);
  tx.commit();
  return *repo::find_role(c, r.id);
}

Role update_role(db::Conn& c, const Caller& who, long long id, Role r) {
  db::Tx tx(c, true);
  auto before = repo::find_role(c, id);
  if (!before) throw not_found("org.role_not_found", "角色不存在");
  if (is_admin_category(before->category)) throw forbidden("org.role_builtin_admin", "三员角色的权限由系统固定，不能修改");
  if (before->level >= who.p.max_level) throw forbidden("org.role_above_own", "不能修改级别不低于您自己的角色");
  r.id = id;
  r.key = before->key;
  r.category = before->category;
  r.builtin = before->builtin;
  validate_role(c, who.p, r);
  for (auto& [user_id, codes] : repo::holders_and_their_other_codes(c, id)) {
    Duties d;
    for (auto& code : codes) d.add(code);
    for (auto& g : r.permissions) d.add(g.code);
    if (auto why = d.conflict(); !why.empty()) {
      auto u = repo::find_user(c, user_id);
      throw conflict("org.separation_of_duties", "已持有该角色的用户“" + (u ? u->display_name : std::to_string(user_id)) + "”将因此违反三员分立：" + why,
                     "permissions");
    }
  }
  repo::update_role(c, r);
  auto after = *repo::find_role(c, id);
  audit::Event e{"org:role:update", "role", std::to_string(id)};
  auto b = role_json(*before).as_object(), a = role_json(after).as_object();
  for (auto& [k, v] : a) audit::change(e, std::string(k), b[k], v);
  audit::record(c, who.actor, e);
  tx.commit();
  return after;
}

void delete_role(db::Conn& c, const Caller& who, long long id) {
  db::Tx tx(c, true);
  auto r = repo::find_role(c, id);
  if (!r) throw not_found("org.role_not_found", "角色不存在");
  if (r->builtin) throw conflict("org.role_builtin", "内置角色不能删除：" + r->name);
  if (r->level >= who.p.max_level) throw forbidden("org.role_above_own", "不能删除级别不低于您自己的角色");
  if (auto n = repo::count_role_members(c, id); n > 0)
    throw conflict("org.role_in_use", "角色“" + r->name + "”仍有" + std::to_string(n) + "个任职在使用，请先撤销");
  repo::delete_role(c, id);
  audit::Event e{"org:role:delete", "role", std::to_string(id)};
  audit::change(e, "role", role_json(*r), nullptr);
  audit::record(c, who.actor, e);
  tx.commit();
}

// ---------------- built-ins ----------------
void register_permissions() {
  for (auto& [type, fn] : std::vector<std::pair<const char*, std::map<std::string, std::string> (*)(db::Conn&, const std::vector<long long>&)>>{
           {"user", repo::user_names}, {"role", repo::role_names}, {"unit", repo::unit_names}, {"membership", repo::membership_names}})
    audit::register_namer(type, [fn](db::Conn& c, const std::vector<std::string>& ids) { return fn(c, audit::numeric_ids(ids)); });
  const char* m = "org";
  const char* mn = "组织机构";
  for (auto& [code, name] : std::vector<std::pair<const char*, const char*>>{
           {"org:unit:list", "查看单位"}, {"org:unit:create", "新增单位"}, {"org:unit:update", "修改、移动单位"},
           {"org:unit:delete", "删除单位"}, {"org:unit:export", "导出单位"},
           {"org:user:list", "查看用户"}, {"org:user:create", "新增用户"}, {"org:user:update", "修改用户、重置密码、解锁"},
           {"org:user:delete", "删除用户"}, {"org:user:grant", "分配任职与角色"}, {"org:user:export", "导出用户"},
           {"org:role:list", "查看角色"}, {"org:role:create", "新增角色"}, {"org:role:update", "修改角色权限"}, {"org:role:delete", "删除角色"}})
    access::register_permission({code, name, m, mn});
}

namespace {
struct BuiltinRole {
  const char* key; const char* name; int level; const char* category; const char* description;
  std::vector<std::pair<const char*, const char*>> perms;
};
const std::vector<BuiltinRole>& builtin_roles() {
  static const std::vector<BuiltinRole> v = {
      {"sys_admin", "系统管理员", 100, "system", "管理单位、账号与字典；不能查看审计日志（三员分立）",
       {{"org:unit:list", "all"}, {"org:unit:create", "all"}, {"org:unit:update", "all"}, {"org:unit:delete", "all"}, {"org:unit:export", "all"},
        {"org:user:list", "all"}, {"org:user:create", "all"}, {"org:user:update", "all"}, {"org:user:delete", "all"},
        {"org:user:grant", "all"}, {"org:user:export", "all"}, {"org:role:list", "all"}, {"sys:dict:update", "all"}}},
      {"sec_admin", "安全管理员", 100, "security", "管理角色、权限与授权；不能管理账号本身，不能查看审计日志",
       {{"org:unit:list", "all"}, {"org:user:list", "all"}, {"org:user:grant", "all"}, {"org:role:list", "all"},
        {"org:role:create", "all"}, {"org:role:update", "all"}, {"org:role:delete", "all"}}},
      {"audit_admin", "审计管理员", 100, "audit", "只读审计日志并导出、校验完整性",
       {{"sys:audit:list", "all"}, {"sys:audit:export", "all"}}},
      {"city_staff", "市教育局工作人员", 60, "business", "全市范围的业务查看与统筹",
       {{"org:unit:list", "all"}, {"org:unit:export", "all"}, {"org:user:list", "subtree"}, {"org:user:export", "subtree"}}},
      {"district_staff", "区县教育局工作人员", 50, "business", "本区县及所属学校、单位的管理",
       {{"org:unit:list", "subtree"}, {"org:unit:create", "subtree"}, {"org:unit:update", "subtree"}, {"org:unit:export", "subtree"},
        {"org:user:list", "subtree"}, {"org:user:create", "subtree"}, {"org:user:update", "subtree"}, {"org:user:grant", "subtree"},
        {"org:user:export", "subtree"}}},
      {"school_admin", "学校（单位）管理员", 30, "business", "本校（本单位）账号管理",
       {{"org:unit:list", "subtree"}, {"org:user:list", "subtree"}, {"org:user:create", "subtree"}, {"org:user:update", "subtree"},
        {"org:user:grant", "subtree"}, {"org:user:export", "subtree"}}},
      {"unit_staff", "单位工作人员", 10, "business", "本单位日常业务", {{"org:unit:list", "own_unit"}}},
  };
  return v;
}
}  // namespace

namespace {
struct ExtraGrant { std::string role, code, scope; };
std::vector<ExtraGrant>& extra_grants() { static std::vector<ExtraGrant> v; return v; }
}  // namespace

void register_builtin_grant(const std::string& role_key, const std::string& code, const std::string& scope) {
  std::lock_guard l(ref_mu);
  for (auto& g : extra_grants())
    if (g.role == role_key && g.code == code) return;
  extra_grants().push_back({role_key, code, scope});
}

void ensure_builtin(db::Conn& c) {
  db::Tx tx(c, true);
  sys::dict::ensure_builtin(c);
  for (auto& b : builtin_roles()) {
    auto existing = repo::find_role_by_key(c, b.key);
    Role r;
    r.key = b.key; r.name = b.name; r.level = b.level; r.category = b.category; r.builtin = true; r.description = b.description;
    for (auto& [code, scope] : b.perms) r.permissions.push_back({code, scope});
    if (!existing) {
      repo::insert_role(c, r);
    } else if (is_admin_category(b.category)) {
      r.id = existing->id;  // the 三员 roles are fixed by the system
      repo::update_role(c, r);
    }
  }
  for (auto& m : accounts::module_roles()) {
    if (repo::find_role_by_key(c, m.key)) continue;
    Role r;
    r.key = m.key; r.name = m.name; r.level = m.level; r.category = "business"; r.builtin = true; r.description = m.description;
    repo::insert_role(c, r);
  }
  std::vector<ExtraGrant> extras;
  { std::lock_guard l(ref_mu); extras = extra_grants(); }
  for (auto& g : extras) {
    if (repo::builtin_grant_applied(c, g.role, g.code)) continue;
    auto role = repo::find_role_by_key(c, g.role);
    if (!role) continue;
    repo::grant_if_missing(c, role->id, g.code, g.scope);
    repo::mark_builtin_grant_applied(c, g.role, g.code);
  }
  tx.commit();
}
}  // namespace xt::org
