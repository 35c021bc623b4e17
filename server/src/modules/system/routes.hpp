#pragma once
namespace xt::app { class App; }
namespace xt::sys {
void register_routes(app::App& a);
// Call after every module has registered its routes.
void register_openapi(app::App& a);
}
