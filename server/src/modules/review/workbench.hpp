// The review's cards on the 工作台: an expert's cases to score; the city's review progress.
#pragma once

namespace xt::review {
void register_workbench();
}
