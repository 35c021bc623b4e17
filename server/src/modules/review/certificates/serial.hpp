// Certificate serial numbers: "2026-007-K7F3Q9XM", the year, the place in the year's issue and
// eight random characters, so that a serial cannot be guessed from another.
#pragma once
#include <string>

namespace xt::review {
std::string make_serial(const std::string& year, int seq, const std::string& random);
// The shape of a serial (a cheap check before any look-up).
bool serial_well_formed(const std::string& s);
}  // namespace xt::review
