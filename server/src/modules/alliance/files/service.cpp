#include "modules/alliance/files/service.hpp"

#include "core/audit/audit.hpp"
#include "core/files/intake.hpp"
#include "core/files/names.hpp"
#include "core/files/retention.hpp"
#include "core/http/errors.hpp"
#include "modules/alliance/activities/service.hpp"
#include "modules/alliance/alliances/service.hpp"

namespace xt::alliance {
namespace {
using db::Query;
constexpr const char* kCols = "id, kind, owner_id, name, content_type, sha256, size, pages, uploaded_at";

StoredFile from_row(const db::Row& r) {
  return {r.i64(0), r.str(1), r.i64(2), r.str(3), r.str(4), r.str(5), r.i64(6), (int)r.i64(7), r.i64(8)};
}

std::optional<StoredFile> find(db::Conn& c, long long id) {
  Query q("SELECT ");
  q << kCols << " FROM alliance_files WHERE id = " << q.bind(id);
  if (auto r = c.row(q)) return from_row(*r);
  return std::nullopt;
}

long long insert(db::Conn& c, const StoredFile& f, long long user) {
  Query q("INSERT INTO alliance_files (kind, owner_id, name, content_type, sha256, size, pages, uploaded_by, uploaded_at) VALUES (");
  q << q.bind(f.kind) << ", " << q.bind(f.owner_id) << ", " << q.bind(f.name) << ", " << q.bind(f.content_type) << ", " << q.bind(f.sha256)
    << ", " << q.bind(f.size) << ", " << q.bind((long long)f.pages) << ", " << q.bind(user) << ", " << q.bind(db::now_ms()) << ") RETURNING id";
  return c.scalar(q);
}

void remove(db::Conn& c, long long id) {
  Query q("DELETE FROM alliance_files WHERE id = ");
  q << q.bind(id);
  c.exec(q);
}

StoredFile stored(const files::Intake& in, const std::string& kind, long long owner, const std::string& name) {
  return {0, kind, owner, name, in.content_type(), in.sha256(), in.size(), in.pages(), 0};
}

audit::Event event(const StoredFile& f, const char* what) {
  bool agreement = f.kind == "agreement";
  audit::Event e{agreement ? "alliance:alliance:update" : "alliance:activity:update", agreement ? "alliance" : "alliance_activity",
                 std::to_string(f.owner_id)};
  e.detail[what] = f.name;
  return e;
}
}  // namespace

std::vector<StoredFile> files_of(db::Conn& c, const std::string& kind, long long owner_id) {
  Query q("SELECT ");
  q << kCols << " FROM alliance_files WHERE kind = " << q.bind(kind) << " AND owner_id = " << q.bind(owner_id) << " ORDER BY id";
  std::vector<StoredFile> out;
  for (auto& r : c.rows(q)) out.push_back(from_row(r));
  return out;
}

StoredFile set_agreement(db::Conn& c, const app::Caller& who, long long alliance_id, const std::string& temp, const std::string& name,
                         files::Store& uploads) {
  auto a = get_alliance(c, who.p, alliance_id);
  if (!may_manage(c, who.p, a)) throw forbidden("access.denied", "只有组建单位可以上传协议");
  if (name.empty()) throw unprocessable("request.required", "请给出文件名（含扩展名）", "filename");
  files::check_name(name);
  files::Intake in(uploads, temp, {files::Accept::Pdf, name, true, "协议"});
  in.stage(c);
  db::Tx tx(c, true);
  auto old = files_of(c, "agreement", alliance_id);
  for (auto& f : old) remove(c, f.id);
  auto f = stored(in, "agreement", alliance_id, name);
  f.id = insert(c, f, who.p.user_id);
  audit::record(c, who.actor, event(f, "agreement"));
  tx.commit();
  in.committed();
  for (auto& o : old) files::release(c, uploads, o.sha256);
  return *find(c, f.id);
}

StoredFile add_material(db::Conn& c, const app::Caller& who, long long activity_id, const std::string& temp, const std::string& name,
                        files::Store& uploads) {
  auto a = get_activity(c, who.p, activity_id);
  if (!may_edit(c, who.p, a)) throw forbidden("access.denied", "只有组织单位可以上传活动材料");
  if (name.empty()) throw unprocessable("request.required", "请给出文件名（含扩展名）", "filename");
  files::check_name(name);
  auto too_many = [&] {
    if ((int)files_of(c, "material", activity_id).size() >= kMaxMaterials)
      throw conflict("activity.too_many_files", "每项活动最多上传" + std::to_string(kMaxMaterials) + "个材料（不要求上传照片）");
  };
  too_many();
  files::Intake in(uploads, temp, {files::Accept::PdfOrImage, name, true, "活动材料"});
  in.stage(c);
  db::Tx tx(c, true);
  too_many();
  auto f = stored(in, "material", activity_id, name);
  f.id = insert(c, f, who.p.user_id);
  audit::record(c, who.actor, event(f, "material_added"));
  tx.commit();
  in.committed();
  return *find(c, f.id);
}

StoredFile visible_file(db::Conn& c, const access::Principal& p, long long id) {
  auto f = find(c, id);
  if (!f) throw not_found("alliance.file_not_found", "文件不存在");
  try {
    if (f->kind == "agreement") get_alliance(c, p, f->owner_id);
    else get_activity(c, p, f->owner_id);
  } catch (const ApiError&) {
    throw not_found("alliance.file_not_found", "文件不存在");
  }
  return *f;
}

void delete_file(db::Conn& c, const app::Caller& who, long long id, files::Store& uploads) {
  auto f = visible_file(c, who.p, id);
  if (f.kind == "agreement") {
    if (!may_manage(c, who.p, get_alliance(c, who.p, f.owner_id))) throw forbidden("access.denied", "只有组建单位可以删除协议");
  } else if (!may_edit(c, who.p, get_activity(c, who.p, f.owner_id))) {
    throw forbidden("access.denied", "只有组织单位可以删除活动材料");
  }
  db::Tx tx(c, true);
  remove(c, id);
  audit::record(c, who.actor, event(f, "file_removed"));
  tx.commit();
  files::release(c, uploads, f.sha256);
}
}  // namespace xt::alliance
