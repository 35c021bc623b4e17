#pragma once
namespace xt::app { class App; }
namespace xt::account {
void register_routes(app::App& a);
}
