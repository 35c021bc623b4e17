// Login cost: one Argon2id hash and verify (libsodium INTERACTIVE: ops 2, 64 MiB).
#include <benchmark/benchmark.h>

#include "core/auth/password.hpp"

static void BM_Argon2idHash(benchmark::State& s) {
  xt::auth::init_crypto();
  for (auto _ : s) benchmark::DoNotOptimize(xt::auth::hash_password("Demo@2026-bench"));
}
BENCHMARK(BM_Argon2idHash)->Unit(benchmark::kMillisecond)->Iterations(20);

static void BM_Argon2idVerify(benchmark::State& s) {
  xt::auth::init_crypto();
  auto h = xt::auth::hash_password("Demo@2026-bench");
  for (auto _ : s) benchmark::DoNotOptimize(xt::auth::verify_password(h, "Demo@2026-bench"));
}
BENCHMARK(BM_Argon2idVerify)->Unit(benchmark::kMillisecond)->Iterations(20);

static void BM_SessionToken(benchmark::State& s) {
  xt::auth::init_crypto();
  for (auto _ : s) benchmark::DoNotOptimize(xt::auth::sha256_hex(xt::auth::random_token(32)));
}
BENCHMARK(BM_SessionToken);
