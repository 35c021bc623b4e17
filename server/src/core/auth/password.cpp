#include "core/auth/password.hpp"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace xt::auth {

void init_crypto() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium 初始化失败");
}

std::string hash_password(const std::string& pw) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pw.data(), pw.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("密码哈希失败（内存不足）");
  return out;
}

bool verify_password(const std::string& hash, const std::string& pw) {
  if (hash.empty() || hash.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pw.data(), pw.size()) == 0;
}

std::optional<std::string> policy_violation(const std::string& pw, const PasswordPolicy& p, const std::string& username) {
  size_t chars = 0;
  for (unsigned char c : pw)
    if ((c & 0xC0) != 0x80) ++chars;
  if ((int)chars < p.min_length) return "密码至少" + std::to_string(p.min_length) + "位（当前" + std::to_string(chars) + "位）";
  if (chars > 128) return "密码不超过128位";
  bool lower = false, upper = false, digit = false, other = false;
  for (unsigned char c : pw) {
    if (c >= 'a' && c <= 'z') lower = true;
    else if (c >= 'A' && c <= 'Z') upper = true;
    else if (c >= '0' && c <= '9') digit = true;
    else if (c > ' ') other = true;
  }
  int classes = lower + upper + digit + other;
  if (classes < p.min_classes)
    return "密码须包含大写字母、小写字母、数字、特殊字符中的至少" + std::to_string(p.min_classes) + "类（当前" + std::to_string(classes) + "类）";
  auto lowered = [](std::string x) { for (auto& ch : x) ch = (char)std::tolower((unsigned char)ch); return x; };
  if (!username.empty() && lowered(pw).find(lowered(username)) != std::string::npos) return "密码不得包含用户名";
  return std::nullopt;
}

std::string policy_text(const PasswordPolicy& p) {
  return "至少" + std::to_string(p.min_length) + "位，包含大写字母、小写字母、数字、特殊字符中的至少" +
         std::to_string(p.min_classes) + "类，且不得与最近" + std::to_string(p.history) + "次使用过的密码相同";
}

std::string random_token(size_t bytes) {
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), (const unsigned char*)raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  sodium_memzero(raw.data(), raw.size());
  return out;
}

std::string sha256_hex(const std::string& data) {
  unsigned char h[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(h, (const unsigned char*)data.data(), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  return hex;
}
}  // namespace xt::auth
