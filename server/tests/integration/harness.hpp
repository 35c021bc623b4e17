// Integration tests talk HTTP to a real xietong process on loopback. The database is a
// fresh SQLite file, or the PostgreSQL database named by XIETONG_TEST_DB.
#pragma once
#include <httplib.h>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace xt::itest {

struct Resp {
  int status = 0;
  std::string body;
  httplib::Headers headers;
  boost::json::value json;
  std::string header(const std::string& k) const;
  std::string code() const;  // error.code of the envelope, "" if none
};

class Server {
 public:
  // extra: more flags, e.g. {"--header-timeout", "1"}
  void start(const std::string& db_url, std::vector<std::string> extra = {}, bool demo = true);
  void stop();
  // Stops the process (kill: SIGKILL, as a crash) and starts it again on the same database
  // and data directory.
  void restart(bool kill = false);
  // SIGKILL, as a crash; the server stays down until restart().
  void crash();
  int port() const { return port_; }
  int pid() const { return pid_; }
  const std::string& dir() const { return dir_; }
  ~Server() { stop(); }

 private:
  void spawn();
  int pid_ = 0;
  int port_ = 0;
  std::string dir_;
  std::vector<std::string> args_;
};

class Client {
 public:
  explicit Client(int port);
  Resp get(const std::string& path);
  Resp post(const std::string& path, const std::string& body, httplib::Headers extra = {});
  Resp put(const std::string& path, const std::string& body);
  Resp del(const std::string& path);
  Resp login(const std::string& user, const std::string& password = "Demo@2026");
  void set_csrf(std::string c) { csrf_ = std::move(c); }
  const std::string& csrf() const { return csrf_; }
  const std::string& cookie() const { return cookie_; }
  void set_cookie(std::string c) { cookie_ = std::move(c); }

 private:
  httplib::Headers headers(bool write) const;
  Resp wrap(const httplib::Result& r);
  httplib::Client cli_;
  int port_;
  std::string cookie_, csrf_;
};

// Sends raw bytes and returns everything read until the server closes or timeout_ms passes.
std::string raw_exchange(int port, const std::string& bytes, int timeout_ms = 3000, int pause_ms = 0, const std::string& more = {});

// The demo city in the test database (generated once per run when the database is empty).
void ensure_demo_data();
// Where the demo city's files are (the shared server's data directory).
std::string demo_dir();
// The shared server with the demo city, started once for the whole run.
Server& shared_server();
std::string db_url();
int shared_port();
std::string bin(const std::string& name);
// "YYYY-MM-DD" (UTC) `days` from now; negative for the past.
std::string date_in_days(int days);

// Where the servers under test keep files: "local" (their data directories), or "postgresql"
// when XIETONG_TEST_FILE_STORE says so and the database is PostgreSQL (then every Server is
// started with --file-store postgresql). The helpers below look at either.
std::string file_store();

// Runs `xietong ARGS…` to its end: exit code and everything it printed.
struct CliResult {
  int rc = -1;
  std::string out;
};
CliResult run_xietong(const std::vector<std::string>& args);
// A new empty database beside the test database: a SQLite file in a new directory, or a new
// database in the same PostgreSQL cluster.
std::string empty_database(const std::string& tag);
// The flags that make a command use the same file store as the servers under test.
std::vector<std::string> store_flags();
// Is a file with these bytes in the store ("uploads" or "generated") of the server whose data
// directory is `data_dir`?
bool in_store(const std::string& data_dir, const std::string& bytes, const std::string& store = "uploads");
// Puts bytes into the uploads store as a crash would leave them (no row refers to them), put
// `hours` ago.
void leave_in_store(const std::string& data_dir, const std::string& bytes, int hours);
// Makes a stored file `hours` old.
void age_in_store(const std::string& data_dir, const std::string& bytes, int hours);
// Overwrites the stored contents of an uploaded file, as a failing disk would.
void damage_in_store(const std::string& data_dir, const std::string& bytes);
// Removes every file of a store, as an operator clearing the generated documents would.
void clear_store(const std::string& data_dir, const std::string& store);
}  // namespace xt::itest
