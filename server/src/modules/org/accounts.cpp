#include "modules/org/accounts.hpp"

#include <mutex>

#include "core/http/errors.hpp"
#include "modules/org/accounts_repo.hpp"
#include "modules/org/facts.hpp"
#include "modules/org/repo.hpp"
#include "modules/org/service.hpp"

namespace xt::org::accounts {
namespace {
std::mutex roles_mu;
std::vector<BuiltinRole>& roles() {
  static std::vector<BuiltinRole> v;
  return v;
}

long long role_id(db::Conn& c, const std::string& key) {
  auto r = repo::find_role_by_key(c, key);
  if (!r) throw ApiError(500, "org.role_missing", "内置角色不存在：" + key);
  return r->id;
}
}  // namespace

void register_builtin_role(const BuiltinRole& r) {
  std::lock_guard l(roles_mu);
  for (auto& x : roles())
    if (x.key == r.key) return;
  roles().push_back(r);
}

const std::vector<BuiltinRole>& module_roles() { return roles(); }

long long create(db::Conn& c, const app::Caller& who, const NewAccount& in) {
  validate_username(in.username);
  validate_phone(in.phone);
  if (in.display_name.empty()) throw unprocessable("request.required", "请填写姓名", "display_name");
  auto unit = facts::unit(c, in.unit_id);
  if (!unit || unit->status == "deleted") throw unprocessable("org.unit_not_found", "所在单位不存在", "unit_id");
  if (repo::user_id_by_username(c, in.username)) throw conflict("org.username_taken", "用户名已被使用：" + in.username, "username");
  UserInput u{in.username, in.display_name, in.phone, "", {}};
  long long id = repo::insert_user(c, u, in.password_hash, in.unit_id, who.p.user_id, true, false);
  long long now = db::now_ms();
  if (in.valid_until) accounts_repo::set_valid_until(c, id, in.valid_until, now);
  long long mid = accounts_repo::add_membership(c, id, in.unit_id, now);
  accounts_repo::add_role(c, mid, role_id(c, in.role_key));
  audit::Event e{"org:user:create", "user", std::to_string(id)};
  audit::change(e, "username", nullptr, in.username);
  audit::change(e, "display_name", nullptr, in.display_name);
  audit::change(e, "phone", nullptr, mask_phone(in.phone));
  audit::change(e, "unit", nullptr, unit->name);
  audit::change(e, "role", nullptr, in.role_key);
  if (in.valid_until) audit::change(e, "valid_until", nullptr, *in.valid_until);
  audit::record(c, who.actor, e);
  return id;
}

bool grant_role(db::Conn& c, const app::Caller& who, long long user_id, long long unit_id, const std::string& role_key) {
  auto mid = accounts_repo::membership_in(c, user_id, unit_id);
  bool added_membership = !mid;
  if (!mid) mid = accounts_repo::add_membership(c, user_id, unit_id, db::now_ms());
  bool added = accounts_repo::add_role(c, *mid, role_id(c, role_key));
  if (!added && !added_membership) return false;
  audit::Event e{"org:user:grant", "user", std::to_string(user_id)};
  audit::change(e, "role", nullptr, role_key);
  if (added_membership) audit::change(e, "unit", nullptr, facts::names(c, {unit_id})[unit_id]);
  audit::record(c, who.actor, e);
  return true;
}

void set_valid_until(db::Conn& c, const app::Caller& who, long long user_id, std::optional<long long> until, long long now) {
  auto before = accounts_repo::people(c, {user_id});
  if (before.empty()) return;
  if (before[0].valid_until == until) return;
  accounts_repo::set_valid_until(c, user_id, until, now);
  if (until && *until <= now) repo::delete_sessions_of(c, user_id);
  audit::Event e{"org:user:update", "user", std::to_string(user_id)};
  audit::change(e, "valid_until", before[0].valid_until ? boost::json::value(*before[0].valid_until) : boost::json::value(nullptr),
                until ? boost::json::value(*until) : boost::json::value(nullptr));
  audit::record(c, who.actor, e);
}

bool username_taken(db::Conn& c, const std::string& username) { return repo::user_id_by_username(c, username).has_value(); }

std::map<long long, Person> people(db::Conn& c, const std::vector<long long>& ids) {
  std::map<long long, Person> out;
  for (auto& p : accounts_repo::people(c, ids)) out[p.id] = p;
  return out;
}

std::vector<Person> find_people(db::Conn& c, const std::string& keyword, int limit) { return accounts_repo::find_people(c, keyword, limit); }
}  // namespace xt::org::accounts
