#pragma once
namespace xt::app { class App; }
namespace xt::cases {
void register_routes(app::App& a);
}
