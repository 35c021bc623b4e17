// Password hashing (Argon2id via libsodium) and the MLPS level-3 password policy.
#pragma once
#include <optional>
#include <string>

#include "core/config/config.hpp"

namespace xt::auth {

void init_crypto();  // sodium_init; call once at start
std::string hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

// nullopt when the password satisfies the policy, else a Chinese explanation.
std::optional<std::string> policy_violation(const std::string& password, const PasswordPolicy& p,
                                            const std::string& username = {});
std::string policy_text(const PasswordPolicy& p);

std::string random_token(size_t bytes = 32);  // base64url, no padding
std::string sha256_hex(const std::string& data);
}  // namespace xt::auth
