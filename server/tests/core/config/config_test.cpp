// Configuration from XIETONG_* variables, overridden by flags; bad values are refused.
#include "core/config/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <optional>
#include <stdexcept>

namespace xt {
namespace {

// Clears every XIETONG_* variable the tests touch and puts the old values back afterwards.
class ConfigTest : public ::testing::Test {
 protected:
  static constexpr const char* kVars[] = {"XIETONG_ADDR", "XIETONG_DB", "XIETONG_DATA_DIR", "XIETONG_WEB_DIR",
                                          "XIETONG_THREADS", "XIETONG_WORKERS", "XIETONG_DEMO", "XIETONG_BEHIND_TLS",
                                          "XIETONG_PUBLIC_ORIGIN", "XIETONG_IDLE_TIMEOUT_MIN", "XIETONG_ABSOLUTE_TIMEOUT_H",
                                          "XIETONG_LOCK_FAILURES", "XIETONG_LOCK_MINUTES", "XIETONG_PASSWORD_MIN_LENGTH",
                                          "XIETONG_PASSWORD_MIN_CLASSES", "XIETONG_PASSWORD_HISTORY", "XIETONG_MAX_CONNECTIONS",
                                          "XIETONG_PORT_FILE", "XIETONG_LOG_LEVEL", "XIETONG_ACCESS_LOG",
                                          "XIETONG_HEADER_TIMEOUT", "XIETONG_IP_FAILURES"};
  std::map<std::string, std::optional<std::string>> saved_;

  void SetUp() override {
    for (const char* v : kVars) {
      const char* old = std::getenv(v);
      saved_[v] = old ? std::optional<std::string>(old) : std::nullopt;
      unsetenv(v);
    }
  }
  void TearDown() override {
    for (auto& [k, v] : saved_) {
      if (v) setenv(k.c_str(), v->c_str(), 1);
      else unsetenv(k.c_str());
    }
  }
  static void env(const char* k, const char* v) { setenv(k, v, 1); }
};

TEST_F(ConfigTest, DefaultsServeOneMachine) {
  auto c = load_config({});
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.db_url, "sqlite:var/xietong.db");
  EXPECT_EQ(c.data_dir, "var");
  EXPECT_EQ(c.workers, 4);
  EXPECT_FALSE(c.demo);
  EXPECT_FALSE(c.behind_tls);
  EXPECT_GE(c.io_threads, 1);
  EXPECT_EQ(c.password.min_length, 8);
  EXPECT_EQ(c.password.min_classes, 3);
}

TEST_F(ConfigTest, FlagsWithSeparateValues) {
  auto c = load_config({"--addr", "0.0.0.0:9000", "--db", "sqlite:/tmp/x.db", "--demo", "--workers", "3"});
  EXPECT_EQ(c.host, "0.0.0.0");
  EXPECT_EQ(c.port, 9000);
  EXPECT_EQ(c.db_url, "sqlite:/tmp/x.db");
  EXPECT_TRUE(c.demo);
  EXPECT_EQ(c.workers, 3);
}

TEST_F(ConfigTest, FlagsWithEquals) {
  auto c = load_config({"--addr=10.1.2.3:81", "--db=postgresql://xt@db/xt", "--workers=7", "--threads=2",
                        "--password-min-length=12", "--behind-tls", "--log-level=debug", "--access-log=0"});
  EXPECT_EQ(c.host, "10.1.2.3");
  EXPECT_EQ(c.port, 81);
  EXPECT_EQ(c.db_url, "postgresql://xt@db/xt");
  EXPECT_EQ(c.workers, 7);
  EXPECT_EQ(c.io_threads, 2);
  EXPECT_EQ(c.password.min_length, 12);
  EXPECT_TRUE(c.behind_tls);
  EXPECT_EQ(c.log_level, "debug");
  EXPECT_FALSE(c.access_log);
}

TEST_F(ConfigTest, AddrSplitsAtTheLastColon) {
  auto c = load_config({"--addr", "[::1]:8443"});
  EXPECT_EQ(c.host, "[::1]");
  EXPECT_EQ(c.port, 8443);
}

TEST_F(ConfigTest, EnvironmentVariables) {
  env("XIETONG_ADDR", "192.168.1.5:7000");
  env("XIETONG_DB", "sqlite:/srv/xt.db");
  env("XIETONG_WORKERS", "9");
  env("XIETONG_DEMO", "1");
  env("XIETONG_PASSWORD_MIN_CLASSES", "4");
  auto c = load_config({});
  EXPECT_EQ(c.host, "192.168.1.5");
  EXPECT_EQ(c.port, 7000);
  EXPECT_EQ(c.db_url, "sqlite:/srv/xt.db");
  EXPECT_EQ(c.workers, 9);
  EXPECT_TRUE(c.demo);
  EXPECT_EQ(c.password.min_classes, 4);
}

TEST_F(ConfigTest, BooleanSpellings) {
  for (const char* yes : {"1", "true", "yes", "on"}) {
    env("XIETONG_DEMO", yes);
    EXPECT_TRUE(load_config({}).demo) << yes;
  }
  for (const char* no : {"0", "false", "no", "off", "TRUE"}) {
    env("XIETONG_DEMO", no);
    EXPECT_FALSE(load_config({}).demo) << no;
  }
}

TEST_F(ConfigTest, EmptyEnvironmentValueIsIgnored) {
  env("XIETONG_ADDR", "");
  env("XIETONG_WORKERS", "");
  auto c = load_config({});
  EXPECT_EQ(c.port, 8080);
  EXPECT_EQ(c.workers, 4);
}

TEST_F(ConfigTest, FlagsOverrideEnvironment) {
  env("XIETONG_ADDR", "192.168.1.5:7000");
  env("XIETONG_DB", "sqlite:/env.db");
  env("XIETONG_WORKERS", "9");
  auto c = load_config({"--addr", "127.0.0.1:9100", "--workers", "2"});
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.port, 9100);
  EXPECT_EQ(c.workers, 2);
  EXPECT_EQ(c.db_url, "sqlite:/env.db") << "not overridden, so the environment's value stays";
}

TEST_F(ConfigTest, DataDirPlacesTheDatabaseUnlessDbIsGiven) {
  env("XIETONG_DATA_DIR", "/srv/xietong");
  auto c = load_config({});
  EXPECT_EQ(c.data_dir, "/srv/xietong");
  EXPECT_EQ(c.db_url, "sqlite:/srv/xietong/xietong.db");
  env("XIETONG_DB", "postgresql://xt@db/xt");
  EXPECT_EQ(load_config({}).db_url, "postgresql://xt@db/xt");
}

// The flag and the variable name the same setting, so they must have the same effect:
// XIETONG_DATA_DIR=/srv/x moves the database to /srv/x/xietong.db, so --data-dir /srv/x must too.
TEST_F(ConfigTest, DataDirFlagPlacesTheDatabaseLikeTheVariable) {
  auto c = load_config({"--data-dir", "/srv/xietong"});
  EXPECT_EQ(c.data_dir, "/srv/xietong");
  EXPECT_EQ(c.db_url, "sqlite:/srv/xietong/xietong.db");
  auto explicit_db = load_config({"--data-dir", "/srv/xietong", "--db", "sqlite:/elsewhere.db"});
  EXPECT_EQ(explicit_db.db_url, "sqlite:/elsewhere.db");
  auto equals_form = load_config({"--db=sqlite:/eq.db", "--data-dir=/srv/xietong"});
  EXPECT_EQ(equals_form.db_url, "sqlite:/eq.db");
  env("XIETONG_DB", "postgresql://xt@db/xt");
  EXPECT_EQ(load_config({"--data-dir", "/srv/xietong"}).db_url, "postgresql://xt@db/xt");
}

TEST_F(ConfigTest, BadPortsAreRefused) {
  for (const char* a : {"h:70000", "h:-1", "h:abc", "h:", "h:80x", "h:8 0", "nocolon"}) {
    SCOPED_TRACE(a);
    EXPECT_THROW(load_config({"--addr", a}), std::invalid_argument);
  }
  EXPECT_EQ(load_config({"--addr", "h:65535"}).port, 65535);
  EXPECT_EQ(load_config({"--addr", "h:0"}).port, 0);
}

TEST_F(ConfigTest, BadPortInEnvironmentIsRefused) {
  env("XIETONG_ADDR", "localhost:99999");
  EXPECT_THROW(load_config({}), std::invalid_argument);
}

TEST_F(ConfigTest, OutOfRangeNumbersAreRefused) {
  EXPECT_THROW(load_config({"--workers", "0"}), std::invalid_argument);
  EXPECT_THROW(load_config({"--workers", "257"}), std::invalid_argument);
  EXPECT_THROW(load_config({"--workers", "3x"}), std::invalid_argument);
  EXPECT_THROW(load_config({"--workers", ""}), std::invalid_argument);
  EXPECT_THROW(load_config({"--password-min-length", "5"}), std::invalid_argument);
  EXPECT_THROW(load_config({"--password-min-classes", "5"}), std::invalid_argument);
  env("XIETONG_WORKERS", "many");
  EXPECT_THROW(load_config({}), std::invalid_argument);
}

TEST_F(ConfigTest, MessageNamesTheBadValue) {
  try {
    load_config({"--workers", "abc"});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("abc"), std::string::npos) << e.what();
  }
}

TEST_F(ConfigTest, UnknownOrMalformedFlagsAreRefused) {
  EXPECT_THROW(load_config({"--nope", "1"}), std::invalid_argument);
  EXPECT_THROW(load_config({"--nope=1"}), std::invalid_argument);
  EXPECT_THROW(load_config({"serve"}), std::invalid_argument);
  EXPECT_THROW(load_config({"-addr", "h:1"}), std::invalid_argument);
  EXPECT_THROW(load_config({"--db"}), std::invalid_argument) << "a flag without its value";
  try {
    load_config({"--colour", "red"});
    FAIL() << "no exception";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("--colour"), std::string::npos) << e.what();
  }
}

TEST_F(ConfigTest, HelpListsEveryFlagItDocuments) {
  auto h = config_help();
  for (const char* f : {"--addr", "--db", "--data-dir", "--workers", "--demo", "--behind-tls", "XIETONG_ADDR"}) {
    EXPECT_NE(h.find(f), std::string::npos) << f;
  }
}
}  // namespace
}  // namespace xt
