// The routes every kind of background job shares: start one, follow its progress, download its
// result. Each asks the job's kind who may: its requester always, others as the kind says.
#pragma once
#include <boost/json.hpp>

#include "core/jobs/queue.hpp"

namespace xt::app { class App; struct Ctx; }

namespace xt::jobs {
void register_routes(app::App& a);
// The job as the API shows it; `download_url` where its result is fetched.
boost::json::object job_json(const Job& j, const std::string& download_url);
// The job with this id if the principal may follow it. Someone who may not use the kind at all
// gets 403; a job of the kind that is not theirs (another district's) is 404, as is an unknown id.
Job visible_job(app::Ctx& ctx, long long id);
}  // namespace xt::jobs
