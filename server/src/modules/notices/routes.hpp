#pragma once
namespace xt::app { class App; }
namespace xt::notices {
void register_routes(app::App& a);
}
