// Files of the 教联体 work: an alliance's agreement (协议, one PDF checked like evidence,
// replaced by a new upload; its anchor uploads it) and an activity's materials (PDFs or whole
// JPEG/PNG images, at most five; its organiser adds and removes them). Whoever sees the
// alliance or the activity downloads them. No feature asks for photos.
#pragma once
#include <string>
#include <vector>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "core/files/store.hpp"

namespace xt::alliance {

struct StoredFile {
  long long id = 0;
  std::string kind;  // agreement | material
  long long owner_id = 0;
  std::string name, content_type, sha256;
  long long size = 0;
  int pages = 0;
  long long uploaded_at = 0;
};

inline constexpr int kMaxMaterials = 5;

std::vector<StoredFile> files_of(db::Conn& c, const std::string& kind, long long owner_id);
// 403 unless the caller manages the alliance; 422 for a file that is not a whole PDF.
StoredFile set_agreement(db::Conn& c, const app::Caller& who, long long alliance_id, const std::string& temp, const std::string& name,
                         files::Store& uploads);
// 403 unless the caller organised the activity; 409 activity.too_many_files past five.
StoredFile add_material(db::Conn& c, const app::Caller& who, long long activity_id, const std::string& temp, const std::string& name,
                        files::Store& uploads);
// 404 unless the caller sees what the file belongs to.
StoredFile visible_file(db::Conn& c, const access::Principal& p, long long id);
// The organiser removes a material; the anchor an agreement.
void delete_file(db::Conn& c, const app::Caller& who, long long id, files::Store& uploads);
}  // namespace xt::alliance
