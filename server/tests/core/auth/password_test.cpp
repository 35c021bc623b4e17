// Password policy (MLPS level 3), Argon2id hashing, random tokens and SHA-256.
#include "core/auth/password.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace xt::auth {
namespace {

class Crypto : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { init_crypto(); }
};

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

struct PolicyCase {
  const char* name;
  std::string password;
  std::string username;
  bool ok;
  std::string message;  // expected text when refused ("" = only check refusal)
};

TEST(PasswordPolicy, DefaultPolicyTable) {
  PasswordPolicy p;  // 8 characters, 3 of 4 classes
  const std::vector<PolicyCase> cases = {
      {"three classes", "abcdEF12", "", true, ""},
      {"four classes", "Ab1!Ab1!", "", true, ""},
      {"lower digit other", "abcd123!", "", true, ""},
      {"upper digit other", "ABCD123#", "", true, ""},
      {"too short", "Ab1!", "", false, "密码至少8位（当前4位）"},
      {"seven", "Abcd12!", "", false, "密码至少8位（当前7位）"},
      {"empty", "", "", false, "密码至少8位（当前0位）"},
      // 5 code points but 11 bytes: length is counted in characters, not bytes
      {"chinese counts code points", "密码密a1", "", false, "密码至少8位（当前5位）"},
      // 6 Chinese + upper + digit: 8 code points; Chinese counts as "other"
      {"chinese is other class", "密码密码密码A1", "", true, ""},
      {"one class", "abcdefgh", "", false, "密码须包含大写字母、小写字母、数字、特殊字符中的至少3类（当前1类）"},
      {"two classes", "abcdEFGH", "", false, "密码须包含大写字母、小写字母、数字、特殊字符中的至少3类（当前2类）"},
      {"digits only", "1234567890", "", false, "密码须包含大写字母、小写字母、数字、特殊字符中的至少3类（当前1类）"},
      // a space is not a special character
      {"space is no class", "abcd 1234", "", false, "密码须包含大写字母、小写字母、数字、特殊字符中的至少3类（当前2类）"},
      {"128 is the maximum", repeat("Ab1!", 32), "", true, ""},
      {"129 is too long", repeat("Ab1!", 32) + "x", "", false, "密码不超过128位"},
      {"129 chinese code points too long", repeat("中", 127) + "A1", "", false, "密码不超过128位"},
      {"128 chinese code points fine", repeat("中", 126) + "A1", "", true, ""},
      {"contains username", "xzhangsan1!", "zhangsan", false, "密码不得包含用户名"},
      {"is username plus", "zhangsanA1", "zhangsan", false, "密码不得包含用户名"},
      {"no username given", "zhangsanA1", "", true, ""},
      {"other username", "zhangsanA1", "lisi", true, ""},
  };
  for (auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto v = policy_violation(c.password, p, c.username);
    EXPECT_EQ(!v.has_value(), c.ok) << (v ? *v : std::string("accepted"));
    if (!c.ok && v && !c.message.empty()) {
      EXPECT_EQ(*v, c.message);
    }
  }
}

TEST(PasswordPolicy, StricterPolicyIsApplied) {
  PasswordPolicy p;
  p.min_length = 12;
  p.min_classes = 4;
  EXPECT_EQ(policy_violation("Abcdef12!xyz", p).value_or("ok"), "ok");
  EXPECT_EQ(policy_violation("Abcdef12!xy", p).value_or("ok"), "密码至少12位（当前11位）");
  EXPECT_EQ(policy_violation("Abcdef123xyz", p).value_or("ok"),
            "密码须包含大写字母、小写字母、数字、特殊字符中的至少4类（当前3类）");
  p.min_classes = 1;
  p.min_length = 6;
  EXPECT_EQ(policy_violation("abcdef", p).value_or("ok"), "ok");
}

TEST(PasswordPolicy, PolicyTextNamesTheNumbers) {
  PasswordPolicy p;
  p.min_length = 10;
  p.min_classes = 4;
  p.history = 3;
  auto t = policy_text(p);
  EXPECT_NE(t.find("至少10位"), std::string::npos) << t;
  EXPECT_NE(t.find("至少4类"), std::string::npos) << t;
  EXPECT_NE(t.find("最近3次"), std::string::npos) << t;
}

TEST_F(Crypto, HashRoundTripAndWrongPassword) {
  auto h = hash_password("Correct#Horse1");
  EXPECT_EQ(h.rfind("$argon2id$", 0), 0u) << h;
  EXPECT_EQ(h.find("Correct#Horse1"), std::string::npos);
  EXPECT_TRUE(verify_password(h, "Correct#Horse1"));
  EXPECT_FALSE(verify_password(h, "Correct#Horse2"));
  EXPECT_FALSE(verify_password(h, "correct#horse1"));
  EXPECT_FALSE(verify_password(h, ""));
  EXPECT_FALSE(verify_password(h, "Correct#Horse1 "));
  // A fresh salt each time: the same password never hashes the same.
  auto h2 = hash_password("Correct#Horse1");
  EXPECT_NE(h, h2);
  EXPECT_TRUE(verify_password(h2, "Correct#Horse1"));
}

TEST_F(Crypto, ChinesePasswordRoundTrip) {
  auto h = hash_password("家校社协同A1!");
  EXPECT_TRUE(verify_password(h, "家校社协同A1!"));
  EXPECT_FALSE(verify_password(h, "家校社协作A1!"));
}

TEST_F(Crypto, GarbageHashesNeverVerify) {
  EXPECT_FALSE(verify_password("", "anything"));
  EXPECT_FALSE(verify_password("", ""));
  EXPECT_FALSE(verify_password("garbage", "garbage"));
  EXPECT_FALSE(verify_password("$argon2id$v=19$m=65536,t=2,p=1$AAAA$BBBB", "x"));
  EXPECT_FALSE(verify_password(std::string(500, 'a'), "a"));
  auto h = hash_password("Pw#12345");
  auto cut = h.substr(0, h.size() - 5);
  EXPECT_FALSE(verify_password(cut, "Pw#12345"));
  auto flipped = h;  // a character inside the hash, where all 6 bits carry data
  auto& ch = flipped[flipped.size() - 10];
  ch = ch == 'A' ? 'z' : 'A';
  EXPECT_FALSE(verify_password(flipped, "Pw#12345"));
}

bool base64url(const std::string& s) {
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

TEST_F(Crypto, RandomTokenLengthAndAlphabet) {
  // base64 without padding: ceil(bytes * 4 / 3) characters
  EXPECT_EQ(random_token().size(), 43u);
  EXPECT_EQ(random_token(32).size(), 43u);
  EXPECT_EQ(random_token(24).size(), 32u);
  EXPECT_EQ(random_token(16).size(), 22u);
  EXPECT_EQ(random_token(1).size(), 2u);
  std::set<char> seen;
  for (int i = 0; i < 200; ++i) {
    auto t = random_token(32);
    ASSERT_TRUE(base64url(t)) << t;
    EXPECT_EQ(t.find('='), std::string::npos);
    seen.insert(t.begin(), t.end());
  }
  // 200 tokens of 43 characters from 64 symbols use nearly the whole alphabet
  EXPECT_GT(seen.size(), 60u);
}

TEST_F(Crypto, RandomTokensAreUnique) {
  std::set<std::string> tokens;
  for (int i = 0; i < 2000; ++i) tokens.insert(random_token(32));
  EXPECT_EQ(tokens.size(), 2000u);
  std::set<std::string> small;
  for (int i = 0; i < 200; ++i) small.insert(random_token(8));
  EXPECT_EQ(small.size(), 200u);
}

TEST(Sha256, KnownVectors) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(sha256_hex(std::string("a\0b", 3)).size(), 64u);
  EXPECT_NE(sha256_hex(std::string("a\0b", 3)), sha256_hex("a"));
}
}  // namespace
}  // namespace xt::auth

namespace xt::auth {
namespace {
TEST(PasswordPolicyCase, UsernameIsFoundWhateverItsCase) {
  PasswordPolicy p;
  EXPECT_TRUE(policy_violation("ZHANGSANa1", p, "zhangsan").has_value());
  EXPECT_TRUE(policy_violation("xx-ZhangSan-9", p, "zhangsan").has_value());
  EXPECT_FALSE(policy_violation("Li#Si2026ab", p, "zhangsan").has_value());
}
}  // namespace
}  // namespace xt::auth
