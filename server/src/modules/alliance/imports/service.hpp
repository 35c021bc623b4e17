// Excel import of school-level alliances with their members (a bureau, for the schools of its
// area) and of activities (a unit, for the activities it organised), from the templates the
// page offers. Every row is checked against the same rules as the forms; the caller chooses
// between importing nothing unless every row passes and importing only the rows that pass,
// after seeing the count. One transaction either way.
#pragma once
#include <string>

#include "core/app/caller.hpp"
#include "core/db/db.hpp"
#include "core/export/import_table.hpp"

namespace xt::alliance::imports {
using exporting::Row;
using exporting::Summary;
using exporting::Table;
using exporting::error_file;
using exporting::parse_day;
using exporting::read_table;
using exporting::split_list;
using exporting::summarise;

inline constexpr const char* kImportPerm = "alliance:alliance:import";

enum class Mode { Check, All, Good };

struct Result {
  Table table;
  Summary summary;
};

// Alliance rows: 学校 (name or code), 教联体名称, 状态 (已组建/筹建), 组建日期, 成员单位
// (name or code), 角色 (牵头/成员), 联系人, 联系电话, 承担的工作; one row per member, the
// rows of a school together making its alliance. A school's rows stand or fall together.
Result import_alliances(db::Conn& c, const app::Caller& who, const std::string& bytes, Mode mode);
std::string alliance_template(db::Conn& c, const access::Principal& p, const std::string& tmp_dir);

// Activity rows: 活动类型, 活动名称, 日期 (several separated by 、), 状态 (已完成/计划/取消),
// 地点, 合作单位 (names or codes separated by 、), 活动对象, 学生人数, 家长人数, 教师人数,
// 其他人数, 简介. The organiser is the caller's unit.
Result import_activities(db::Conn& c, const app::Caller& who, const std::string& bytes, Mode mode);
std::string activity_template(db::Conn& c, const access::Principal& p, const std::string& tmp_dir);

inline constexpr size_t kMaxRows = 10000;
}  // namespace xt::alliance::imports
