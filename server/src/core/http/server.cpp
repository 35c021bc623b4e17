#include "core/http/server.hpp"

#include <fcntl.h>
#include "core/http/client_ip.hpp"

#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <spdlog/spdlog.h>
#include <sodium.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <list>
#include <thread>

#include "core/app/app.hpp"
#include "core/files/store.hpp"
#include "core/http/static_files.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;

namespace xt::http {

namespace {
std::string new_request_id() {
  unsigned char b[8];
  randombytes_buf(b, sizeof b);
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, b, sizeof b);
  return hex;
}

const char* kCsp =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

struct ConnState {
  tcp::socket* sock = nullptr;
  std::atomic<bool> busy{false};
  std::atomic<bool> alive{true};
};
}  // namespace

struct Server::Impl {
  app::App& app;
  const StaticFiles& files;
  Config& cfg;
  std::vector<std::unique_ptr<asio::io_context>> iocs;
  asio::thread_pool workers;         // API requests
  asio::thread_pool upload_workers;  // checking and storing uploaded files: never delays the API
  std::unique_ptr<tcp::acceptor> acceptor;
  std::atomic<size_t> conns{0};
  std::atomic<bool> draining{false};
  std::atomic<size_t> next{0};
  std::atomic<int> inflight_uploads{0};
  std::atomic<size_t> inflight_upload_bytes{0};
  unsigned short bound_port = 0;
  std::mutex reg_mu;
  std::list<std::shared_ptr<ConnState>> registry;
  TrustedProxies proxies;

  Impl(app::App& a, const StaticFiles& f)
      : app(a), files(f), cfg(a.config()), workers((size_t)std::max(1, a.config().workers)),
        upload_workers((size_t)std::max(1, a.config().upload_workers)), proxies(a.config().trusted_proxies) {
    for (int i = 0; i < cfg.io_threads; ++i) iocs.push_back(std::make_unique<asio::io_context>(1));
  }

  template <class Body>
  void add_common_headers(bhttp::response<Body>& res, const Request& req, const Response& r) {
    res.set(bhttp::field::server, "xietong");
    res.set("X-Request-Id", req.request_id);
    res.set("X-Content-Type-Options", "nosniff");
    res.set("Referrer-Policy", "same-origin");
    res.set("X-Frame-Options", "DENY");
    res.set("Content-Security-Policy", kCsp);
    res.set("Cross-Origin-Opener-Policy", "same-origin");
    if (cfg.behind_tls) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    if (req.path.rfind("/api/", 0) == 0) res.set(bhttp::field::cache_control, "no-store");
    if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") res.insert(bhttp::field::set_cookie, v);
      else res.set(k, v);
    }
  }

  static Response plain_error(int status, const char* code, const char* msg) {
    return Response::json(error_body(code, msg), status);
  }

  awaitable<void> write(beast::tcp_stream& stream, Request& req, Response r, unsigned version, bool keep_alive, bool head,
                        std::chrono::steady_clock::time_point t0, size_t& bytes) {
    if (!r.file.empty()) {
      // A stored file goes out from disk in chunks: a 100 MB package never sits in memory.
      bhttp::response<bhttp::file_body> res{(bhttp::status)r.status, version};
      beast::error_code fec;
      res.body().open(r.file.c_str(), beast::file_mode::scan, fec);
      if (!fec) {
        add_common_headers(res, req, r);
        res.keep_alive(keep_alive && !r.close && !draining);
        res.prepare_payload();
        bytes = head ? 0 : (size_t)res.body().size();
        stream.expires_after(std::chrono::seconds(30 + (long)(res.body().size() >> 18)));  // 256 KB/s at worst
        if (head) {
          bhttp::response_serializer<bhttp::file_body> sr{res};
          co_await bhttp::async_write_header(stream, sr, use_awaitable);
        } else {
          co_await bhttp::async_write(stream, res, use_awaitable);
        }
        log_access(req, r.status, bytes, t0);
        co_return;
      }
      spdlog::error("rid={} cannot open {}: {}", req.request_id, r.file, fec.message());
      r = plain_error(500, "internal", "文件无法读取");
    }
    bhttp::response<bhttp::string_body> res{(bhttp::status)r.status, version};
    add_common_headers(res, req, r);
    res.body() = std::move(r.body);
    res.keep_alive(keep_alive && !r.close && !draining);
    res.prepare_payload();
    if (head) res.body().clear();
    bytes = res.body().size();
    stream.expires_after(std::chrono::seconds(30));
    co_await bhttp::async_write(stream, res, use_awaitable);
    log_access(req, r.status, bytes, t0);
  }

  void log_access(const Request& req, int status, size_t bytes, std::chrono::steady_clock::time_point t0) {
    if (!cfg.access_log) return;
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
    spdlog::info("rid={} ip={} {} {} {} {}B {:.2f}ms", req.request_id, req.remote_ip, req.method, req.target, status, bytes, us / 1000.0);
  }

  // After refusing a body, read and drop what the client still sends (bounded), so that it
  // sees our answer instead of a reset.
  awaitable<void> linger(beast::tcp_stream& stream) {
    beast::error_code ec;
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.expires_after(std::chrono::seconds(2));
    std::array<char, 16384> scratch;
    size_t total = 0;
    while (total < 64 * 1024 * 1024) {
      auto [e, n] = co_await stream.async_read_some(asio::buffer(scratch), asio::as_tuple(use_awaitable));
      if (e) break;
      total += n;
    }
  }

  awaitable<void> session(tcp::socket sock) {
    auto state = std::make_shared<ConnState>();
    beast::tcp_stream stream(std::move(sock));
    state->sock = &stream.socket();
    std::list<std::shared_ptr<ConnState>>::iterator reg_it;
    {
      std::lock_guard l(reg_mu);
      reg_it = registry.insert(registry.end(), state);
    }
    struct Guard {
      Impl* s; std::shared_ptr<ConnState> st; std::list<std::shared_ptr<ConnState>>::iterator it;
      ~Guard() { st->alive = false; std::lock_guard l(s->reg_mu); s->registry.erase(it); s->conns--; }
    } guard{this, state, reg_it};

    beast::error_code ec;
    stream.socket().set_option(tcp::no_delay(true), ec);
    std::string ip = stream.socket().remote_endpoint(ec).address().to_string();
    beast::flat_buffer buf;
    bool first = true;
    for (;;) {
      if (draining) break;
      state->busy = false;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(16 * 1024);
      parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // the route decides, below
      stream.expires_after(std::chrono::seconds(first ? cfg.header_timeout_s : cfg.idle_keepalive_s));
      first = false;
      auto [rec, hn] = co_await bhttp::async_read_header(stream, buf, parser, asio::as_tuple(use_awaitable));
      auto t0 = std::chrono::steady_clock::now();
      state->busy = true;
      Request req;
      req.remote_ip = ip;
      req.request_id = new_request_id();
      size_t bytes = 0;
      if (rec) {
        if (rec == bhttp::error::header_limit) {
          req.method = "?"; req.target = "?";
          co_await write(stream, req, plain_error(431, "request.header_too_large", "请求头过大（上限 16 KiB）"), 11, false, false, t0, bytes);
        } else if (rec != bhttp::error::end_of_stream && rec != asio::error::eof && rec != beast::error::timeout &&
                   rec != asio::error::operation_aborted && rec != asio::error::connection_reset && buf.size() > 0) {
          req.method = "?"; req.target = "?";
          co_await write(stream, req, plain_error(400, "request.malformed", "请求格式错误"), 11, false, false, t0, bytes);
        }
        break;
      }
      auto& h = parser.get();
      req.method = std::string(h.method_string());
      req.target = std::string(h.target());
      auto qpos = req.target.find('?');
      std::string raw_path = req.target.substr(0, qpos);
      if (qpos != std::string::npos) req.query = req.target.substr(qpos + 1);
      for (auto& f : h) {
        std::string name(f.name_string());
        for (auto& c : name) c = (char)std::tolower((unsigned char)c);
        req.headers.emplace_back(std::move(name), std::string(f.value()));
      }
      if (!proxies.empty()) req.remote_ip = proxies.client_ip(ip, req.header("x-forwarded-for"), req.header("x-real-ip"));
      bool keep_alive = h.keep_alive();
      unsigned version = h.version();
      bool head = req.method == "HEAD";

      if (!safe_path(raw_path)) {
        req.path = raw_path;
        co_await write(stream, req, plain_error(400, "request.bad_path", "请求路径不合法"), version, false, head, t0, bytes);
        break;
      }
      req.path = url_decode(raw_path, false);

      // Route lookup decides the body limit before the body is read.
      const Route* route = nullptr;
      Response early;
      bool answered = false;
      if (req.path.rfind("/api/", 0) == 0) {
        auto m = app.router().match(req.method, req.path);
        if (m.outcome == Router::Outcome::Found) {
          route = m.route;
          req.params = std::move(m.params);
        } else if (m.outcome == Router::Outcome::MethodNotAllowed) {
          early = plain_error(405, "request.method_not_allowed", "不支持该请求方法");
          early.set_header("Allow", m.allow);
          answered = true;
        } else {
          early = plain_error(404, "request.not_found", "接口不存在");
          answered = true;
        }
      }
      size_t limit = route ? (route->upload ? cfg.max_upload_bytes : route->body_limit) : 0;
      auto clen = parser.content_length();
      bool chunked = parser.chunked();
      if ((clen && *clen > limit) || (chunked && limit == 0)) {
        auto r = plain_error(413, "request.body_too_large", "请求内容过大");
        if (route) r = Response::json(error_body("request.body_too_large", "请求内容过大（上限 " + std::to_string(limit / 1024) + " KiB）"), 413);
        r.close = true;
        co_await write(stream, req, std::move(r), version, false, head, t0, bytes);
        co_await linger(stream);
        break;
      }
      if (route && route->upload) {
        // Who is sending, and may they, is decided before a byte of the body is read: an
        // anonymous or refused upload never reaches the disk.
        auto refused = co_await asio::co_spawn(upload_workers, [&]() -> awaitable<std::optional<Response>> { co_return app.preflight(req, *route); },
                                               use_awaitable);
        if (refused) {
          refused->close = true;
          co_await write(stream, req, std::move(*refused), version, false, head, t0, bytes);
          co_await linger(stream);
          break;
        }
        // All uploads together stay within a count and a size.
        size_t reserve = clen ? (size_t)*clen : limit;
        struct Slot {
          Impl& I;
          size_t n;
          bool held;
          ~Slot() {
            if (held) { I.inflight_uploads--; I.inflight_upload_bytes -= n; }
          }
        } slot{*this, reserve, true};
        int uploads_before = inflight_uploads.fetch_add(1);
        size_t bytes_before = inflight_upload_bytes.fetch_add(reserve);
        if (uploads_before >= cfg.max_inflight_uploads || (bytes_before > 0 && bytes_before + reserve > cfg.max_inflight_upload_bytes)) {
          auto busy = Response::json(error_body("request.uploads_busy", "服务器正在接收较多文件，请稍后重试"), 503);
          busy.set_header("Retry-After", "10");
          busy.close = true;
          co_await write(stream, req, std::move(busy), version, false, head, t0, bytes);
          co_await linger(stream);
          break;
        }
        // Stream the body to a temporary file; it is removed before the answer is written.
        Response res;
        bool failed = false;
        {
        files::TempFile tmp(cfg.data_dir + "/tmp");
        bhttp::request_parser<bhttp::file_body> fp(std::move(parser));
        fp.body_limit(limit);
        beast::error_code fec;
        fp.get().body().open(tmp.path.c_str(), beast::file_mode::write, fec);
        if (fec) {
          res = plain_error(500, "internal", "无法保存上传的文件");
          res.close = true;
          failed = true;
        }
        bool body_limit_hit = false, read_failed = false;
        if (!failed && !fp.is_done()) {
          if (auto exp = req.header("expect"); exp && (*exp == "100-continue" || *exp == "100-Continue")) {
            bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
            co_await bhttp::async_write(stream, cont, asio::as_tuple(use_awaitable));
          }
          stream.expires_after(std::chrono::seconds(cfg.header_timeout_s + 60 + (long)(limit >> 18)));
          // Beast reads as much as the buffer's free capacity (at least 512 bytes): without room,
          // a 1 MB body costs thousands of tiny reads and writes. 64 KiB reads, then give it back.
          buf.reserve(buf.size() + 64 * 1024);
          auto [uec, un] = co_await bhttp::async_read(stream, buf, fp, asio::as_tuple(use_awaitable));
          buf.shrink_to_fit();
          if (uec) {
            body_limit_hit = uec == bhttp::error::body_limit;
            read_failed = true;
          }
        }
        if (!failed && !read_failed) {
          // Start writing the body to disk now: the checks run while it goes, and the store's
          // fsync before the answer then waits for less.
          ::sync_file_range(fp.get().body().file().native_handle(), 0, 0, SYNC_FILE_RANGE_WRITE);
          fp.get().body().close();
          req.body_file = tmp.path;
          res = co_await asio::co_spawn(upload_workers, [&]() -> awaitable<Response> { co_return app.handle(req, *route); }, use_awaitable);
        }
        if (read_failed) {
          if (!body_limit_hit) break;
          res = plain_error(413, "request.body_too_large", "文件过大");
          res.close = true;
          failed = true;
        }
        }
        co_await write(stream, req, std::move(res), version, keep_alive && !failed, head, t0, bytes);
        if (failed) {
          co_await linger(stream);
          break;
        }
        if (!keep_alive || draining) break;
        continue;
      }
      if (!parser.is_done()) {
        if (auto exp = req.header("expect"); exp && (*exp == "100-continue" || *exp == "100-Continue")) {
          bhttp::response<bhttp::empty_body> cont{bhttp::status::continue_, version};
          co_await bhttp::async_write(stream, cont, asio::as_tuple(use_awaitable));
        }
        parser.body_limit(limit);
        stream.expires_after(std::chrono::seconds(cfg.header_timeout_s + (long)(limit / (64 * 1024))));
        auto [bec, bn] = co_await bhttp::async_read(stream, buf, parser, asio::as_tuple(use_awaitable));
        if (bec) {
          if (bec == bhttp::error::body_limit) {
            auto r = plain_error(413, "request.body_too_large", "请求内容过大");
            co_await write(stream, req, std::move(r), version, false, head, t0, bytes);
            co_await linger(stream);
          } else if (bec != beast::error::timeout && bec != asio::error::eof && bec != bhttp::error::end_of_stream &&
                     bec != asio::error::connection_reset) {
            co_await write(stream, req, plain_error(400, "request.malformed", "请求格式错误"), version, false, head, t0, bytes);
          }
          break;
        }
      }
      req.body = std::move(parser.get().body());

      Response res;
      if (answered) {
        res = std::move(early);
      } else if (route) {
        auto& pool = route->heavy ? app.docs_pool() : workers;
        res = co_await asio::co_spawn(pool, [&]() -> awaitable<Response> { co_return app.handle(req, *route); }, use_awaitable);
      } else if (auto s = files.serve(req)) {
        res = std::move(*s);
      } else {
        res = plain_error(404, "request.not_found", "页面不存在");
      }
      co_await write(stream, req, std::move(res), version, keep_alive, head, t0, bytes);
      if (!keep_alive || draining) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.socket().close(ec);
  }

  awaitable<void> accept_loop() {
    for (;;) {
      auto& ioc = *iocs[next++ % iocs.size()];
      auto [ec, sock] = co_await acceptor->async_accept(ioc, asio::as_tuple(use_awaitable));
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
        continue;
      }
      if (conns.load() >= cfg.max_connections) {
        beast::error_code ignore;
        sock.close(ignore);
        continue;
      }
      conns++;
      asio::co_spawn(ioc, session(std::move(sock)), asio::detached);
    }
  }

  void begin_drain() {
    if (draining.exchange(true)) return;
    spdlog::info("draining: no new connections, finishing {} open ones", conns.load());
    beast::error_code ec;
    acceptor->close(ec);
    std::lock_guard l(reg_mu);
    for (auto& st : registry) {
      if (st->busy) continue;
      auto s = st;
      asio::post(s->sock->get_executor(), [s] {
        if (!s->alive || s->busy) return;
        beast::error_code e;
        s->sock->cancel(e);
      });
    }
  }
};

Server::Server(app::App& app, const StaticFiles& files) : impl_(std::make_unique<Impl>(app, files)) {}
Server::~Server() = default;
unsigned short Server::port() const { return impl_->bound_port; }

int Server::run() {
  auto& I = *impl_;
  auto& ioc0 = *I.iocs[0];
  auto addr = asio::ip::make_address(I.cfg.host);
  tcp::endpoint ep(addr, I.cfg.port);
  I.acceptor = std::make_unique<tcp::acceptor>(ioc0);
  I.acceptor->open(ep.protocol());
  I.acceptor->set_option(asio::socket_base::reuse_address(true));
  I.acceptor->bind(ep);
  I.acceptor->listen(asio::socket_base::max_listen_connections);
  I.bound_port = I.acceptor->local_endpoint().port();
  if (!I.cfg.port_file.empty()) {
    std::ofstream(I.cfg.port_file + ".tmp") << I.bound_port << "\n";
    std::rename((I.cfg.port_file + ".tmp").c_str(), I.cfg.port_file.c_str());
  }
  spdlog::info("listening on http://{}:{} ({} io threads, {} workers, {} upload workers, {} document workers, database {})", I.cfg.host,
               I.bound_port, I.iocs.size(), I.cfg.workers, I.cfg.upload_workers, I.cfg.doc_workers, I.app.db().dialect_name());

  asio::co_spawn(ioc0, I.accept_loop(), asio::detached);
  asio::signal_set signals(ioc0, SIGINT, SIGTERM);
  asio::steady_timer drain_timer(ioc0);
  auto deadline = std::make_shared<std::chrono::steady_clock::time_point>();
  std::function<void()> poll = [&] {
    if (I.conns.load() == 0 || std::chrono::steady_clock::now() > *deadline) {
      spdlog::info("stopped ({} connections left)", I.conns.load());
      for (auto& c : I.iocs) c->stop();
      return;
    }
    drain_timer.expires_after(std::chrono::milliseconds(50));
    drain_timer.async_wait([&](beast::error_code) { poll(); });
  };
  signals.async_wait([&](beast::error_code ec, int) {
    if (ec) return;
    *deadline = std::chrono::steady_clock::now() + std::chrono::seconds(I.cfg.drain_s);
    I.begin_drain();
    poll();
  });

  std::vector<std::thread> threads;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  for (auto& c : I.iocs) guards.push_back(asio::make_work_guard(*c));
  for (size_t i = 1; i < I.iocs.size(); ++i) threads.emplace_back([&, i] { I.iocs[i]->run(); });
  ioc0.run();
  for (auto& c : I.iocs) c->stop();
  for (auto& t : threads) t.join();
  I.workers.join();
  I.upload_workers.join();
  return 0;
}
}  // namespace xt::http
