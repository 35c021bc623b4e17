#pragma once
namespace xt::app { class App; }
namespace xt::org {
void register_routes(app::App& a);
}
