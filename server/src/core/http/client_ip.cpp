#include "core/http/client_ip.hpp"

#include <boost/asio/ip/address.hpp>
#include <cstring>
#include <stdexcept>

namespace xt::http {
namespace ip = boost::asio::ip;

namespace {
std::string trim(const std::string& s) {
  auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return "";
  auto b = s.find_last_not_of(" \t");
  return s.substr(a, b - a + 1);
}

// An address as 16 bytes (IPv4 mapped into IPv6), or nullopt.
std::optional<ip::address_v6::bytes_type> parse(const std::string& text) {
  boost::system::error_code ec;
  auto a = ip::make_address(trim(text), ec);
  if (ec) return std::nullopt;
  if (a.is_v4()) return ip::make_address_v6(ip::v4_mapped, a.to_v4()).to_bytes();
  return a.to_v6().to_bytes();
}
}  // namespace

TrustedProxies::TrustedProxies(const std::vector<std::string>& entries) {
  for (auto& raw : entries) {
    auto e = trim(raw);
    if (e.empty()) continue;
    auto slash = e.find('/');
    auto addr = parse(e.substr(0, slash));
    if (!addr) throw std::invalid_argument("无法识别的可信代理地址：" + e);
    boost::system::error_code ec;
    bool v4 = ip::make_address(e.substr(0, slash), ec).is_v4();
    int max = v4 ? 32 : 128, prefix = max;
    if (slash != std::string::npos) {
      auto p = e.substr(slash + 1);
      if (p.empty() || p.size() > 3 || p.find_first_not_of("0123456789") != std::string::npos || std::stoi(p) > max)
        throw std::invalid_argument("无法识别的可信代理网段：" + e);
      prefix = std::stoi(p);
    }
    Net n{!v4, {}, v4 ? prefix + 96 : prefix};
    std::memcpy(n.bytes, addr->data(), 16);
    nets_.push_back(n);
  }
}

bool TrustedProxies::contains(const std::string& address) const {
  auto a = parse(address);
  if (!a) return false;
  for (auto& n : nets_) {
    int bits = n.prefix, i = 0;
    bool match = true;
    for (; bits >= 8 && match; bits -= 8, ++i) match = (*a)[i] == n.bytes[i];
    if (match && bits > 0) {
      unsigned char mask = (unsigned char)(0xFF << (8 - bits));
      match = ((*a)[i] & mask) == (n.bytes[i] & mask);
    }
    if (match) return true;
  }
  return false;
}

std::string TrustedProxies::client_ip(const std::string& peer, const std::optional<std::string>& xff,
                                      const std::optional<std::string>& xri) const {
  if (!contains(peer)) return peer;
  if (xri && parse(*xri)) return trim(*xri);
  if (!xff) return peer;
  // Walk from the right: each proxy appends the address it saw.
  std::vector<std::string> hops;
  size_t start = 0;
  for (;;) {
    auto comma = xff->find(',', start);
    hops.push_back(trim(xff->substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    if (!parse(*it)) return peer;  // a forged or broken entry: trust nothing further left
    if (!contains(*it)) return *it;
  }
  return peer;
}
}  // namespace xt::http
