// Attachments of a call's notice: the templates and forms units download (PDF, Word, Excel),
// checked by content and stored by hash.
#pragma once
#include "core/files/store.hpp"
#include "modules/cases/calls/service.hpp"
#include "modules/cases/writeups/service.hpp"

namespace xt::cases {

struct CallFile {
  long long id = 0, call_id = 0, size = 0, created_at = 0;
  int seq = 0;
  std::string name, content_type, sha256;
};

std::vector<CallFile> list_call_files(db::Conn& c, long long call_id);
// The attachments of a call the caller may see (a draft's only to its publishing bureau).
std::vector<CallFile> visible_call_files(db::Conn& c, const access::Principal& p, long long call_id);
CallFile visible_call_file(db::Conn& c, const access::Principal& p, long long id);
CallFile add_call_file(db::Conn& c, const Caller& who, long long call_id, const std::string& temp_path, const std::string& file_name,
                       files::Store& uploads);
CallFile get_call_file(db::Conn& c, long long id);
void delete_call_file(db::Conn& c, const Caller& who, long long id, files::Store& uploads);
}  // namespace xt::cases
