// The HTTP server on Boost.Beast/Asio with C++20 coroutines. The only translation unit
// that includes Beast.
#pragma once
#include <memory>

namespace xt::app { class App; }

namespace xt::http {

class StaticFiles;

class Server {
 public:
  Server(app::App& app, const StaticFiles& files);
  ~Server();
  // Binds, writes the port file, serves until SIGTERM/SIGINT, then drains. Returns the exit code.
  int run();
  unsigned short port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};
}  // namespace xt::http
