// The address of the client behind a reverse proxy. Forwarding headers are believed only from
// a peer that is a configured trusted proxy (anyone else could write them): then X-Real-IP if
// it holds an address, else the right-most address of X-Forwarded-For that is not itself a
// trusted proxy. Anything unparsable leaves the peer's own address.
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace xt::http {

class TrustedProxies {
 public:
  // Addresses or networks ("127.0.0.1", "10.0.0.0/8", "::1"); throws std::invalid_argument
  // naming the entry it cannot read.
  explicit TrustedProxies(const std::vector<std::string>& entries = {});
  bool empty() const { return nets_.empty(); }
  bool contains(const std::string& address) const;

  std::string client_ip(const std::string& peer, const std::optional<std::string>& x_forwarded_for,
                        const std::optional<std::string>& x_real_ip) const;

 private:
  struct Net { bool v6; unsigned char bytes[16]; int prefix; };
  std::vector<Net> nets_;
};
}  // namespace xt::http
