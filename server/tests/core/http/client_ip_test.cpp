// The client's address behind proxies: forwarding headers count only from a trusted peer, the
// right-most untrusted X-Forwarded-For entry is the client, and broken or forged values leave
// the peer's own address.
#include "core/http/client_ip.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace xt::http {
namespace {
using std::nullopt;

TEST(TrustedProxies, AddressesAndNetworksOfBothFamilies) {
  TrustedProxies t({"127.0.0.1", "10.0.0.0/8", " 192.168.1.0/24", "::1", "fd00::/8"});
  EXPECT_TRUE(t.contains("127.0.0.1"));
  EXPECT_FALSE(t.contains("127.0.0.2"));
  EXPECT_TRUE(t.contains("10.200.3.4"));
  EXPECT_FALSE(t.contains("11.0.0.1"));
  EXPECT_TRUE(t.contains("192.168.1.77"));
  EXPECT_FALSE(t.contains("192.168.2.1"));
  EXPECT_TRUE(t.contains("::1"));
  EXPECT_TRUE(t.contains("fd12::5"));
  EXPECT_FALSE(t.contains("fe80::1"));
  EXPECT_FALSE(t.contains("not an address"));
  EXPECT_TRUE(TrustedProxies().empty());
}

TEST(TrustedProxies, AnUnreadableEntryIsRefusedNamingIt) {
  for (auto bad : {"10.0.0.0/33", "nginx.local", "10.0.0.0/", "10.0.0.0/x", "::1/129"}) {
    try {
      TrustedProxies t({bad});
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
    }
  }
}

TEST(TrustedProxies, HeadersFromAnUntrustedPeerAreIgnored) {
  TrustedProxies t({"10.0.0.5"});
  EXPECT_EQ(t.client_ip("203.0.113.9", std::string("1.2.3.4"), std::string("5.6.7.8")), "203.0.113.9");
  TrustedProxies none;
  EXPECT_EQ(none.client_ip("127.0.0.1", std::string("1.2.3.4"), nullopt), "127.0.0.1");
}

TEST(TrustedProxies, ATrustedPeerNamesTheClient) {
  TrustedProxies t({"10.0.0.5", "10.0.0.6"});
  EXPECT_EQ(t.client_ip("10.0.0.5", nullopt, std::string("198.51.100.7")), "198.51.100.7") << "X-Real-IP first";
  EXPECT_EQ(t.client_ip("10.0.0.5", std::string("198.51.100.7"), nullopt), "198.51.100.7");
  // a client that sends its own X-Forwarded-For: the proxy appends the real address on the right
  EXPECT_EQ(t.client_ip("10.0.0.5", std::string("6.6.6.6, 198.51.100.7"), nullopt), "198.51.100.7");
  // two proxies in a row: skip the trusted ones from the right
  EXPECT_EQ(t.client_ip("10.0.0.5", std::string("198.51.100.7, 10.0.0.6"), nullopt), "198.51.100.7");
  EXPECT_EQ(t.client_ip("10.0.0.5", std::string("2001:db8::7"), nullopt), "2001:db8::7");
}

TEST(TrustedProxies, BrokenValuesLeaveThePeer) {
  TrustedProxies t({"10.0.0.5"});
  EXPECT_EQ(t.client_ip("10.0.0.5", nullopt, nullopt), "10.0.0.5");
  EXPECT_EQ(t.client_ip("10.0.0.5", std::string("garbage"), nullopt), "10.0.0.5");
  EXPECT_EQ(t.client_ip("10.0.0.5", std::string("1.2.3.4, <script>"), nullopt), "10.0.0.5");
  EXPECT_EQ(t.client_ip("10.0.0.5", std::string(""), std::string("not-an-ip")), "10.0.0.5");
  TrustedProxies two({"10.0.0.5", "10.0.0.6"});
  EXPECT_EQ(two.client_ip("10.0.0.5", std::string("10.0.0.6"), nullopt), "10.0.0.5") << "only proxies: the peer";
}
}  // namespace
}  // namespace xt::http
