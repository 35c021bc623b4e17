#include "core/http/router.hpp"

#include <gtest/gtest.h>

#include "core/app/app.hpp"

namespace xt::http {
namespace {
Handler ok() { return [](app::Ctx&) { return Response::no_content(); }; }

TEST(Router, CapturesAndLiteralsWin) {
  Router r;
  r.add({"GET", "/api/v1/units/{id}", "org:unit:list", "org", "", 0, ok()});
  r.add({"GET", "/api/v1/units/export", "org:unit:export", "org", "", 0, ok()});
  auto m = r.match("GET", "/api/v1/units/42");
  ASSERT_EQ(m.outcome, Router::Outcome::Found);
  EXPECT_EQ(m.params.at("id"), "42");
  auto e = r.match("GET", "/api/v1/units/export");
  ASSERT_EQ(e.outcome, Router::Outcome::Found);
  EXPECT_EQ(e.route->perm, "org:unit:export");
}

TEST(Router, NotFoundAndMethodNotAllowedWithAllow) {
  Router r;
  r.add({"GET", "/a/{id}", "public", "m", "", 0, ok()});
  r.add({"DELETE", "/a/{id}", "x:y:z", "m", "", 0, ok()});
  EXPECT_EQ(r.match("GET", "/b").outcome, Router::Outcome::NotFound);
  EXPECT_EQ(r.match("GET", "/a/1/2").outcome, Router::Outcome::NotFound);
  auto m = r.match("PUT", "/a/1");
  EXPECT_EQ(m.outcome, Router::Outcome::MethodNotAllowed);
  EXPECT_EQ(m.allow, "DELETE, GET");
  EXPECT_EQ(r.match("HEAD", "/a/1").outcome, Router::Outcome::Found);
}

TEST(Router, RegistrationFailsWithoutAPermission) {
  Router r;
  EXPECT_THROW(r.add({"GET", "/x", "", "m", "", 0, ok()}), std::logic_error);
  EXPECT_THROW(r.add({"GET", "/x", "Org:Unit", "m", "", 0, ok()}), std::logic_error);
  EXPECT_THROW(r.add({"GET", "/x", "org:unit:list; drop", "m", "", 0, ok()}), std::logic_error);
  r.add({"GET", "/x", "login", "m", "", 0, ok()});
  EXPECT_THROW(r.add({"GET", "/x", "login", "m", "", 0, ok()}), std::logic_error) << "duplicate";
}
}  // namespace
}  // namespace xt::http
