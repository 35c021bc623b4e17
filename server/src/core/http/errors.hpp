// The one error envelope: {"error":{"code","message","field"}}.
#pragma once
#include <stdexcept>
#include <string>

namespace xt {

struct ApiError : std::runtime_error {
  int status;
  std::string code;
  std::string field;
  ApiError(int status, std::string code, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), status(status), code(std::move(code)), field(std::move(field)) {}
};

inline ApiError bad_request(std::string code, std::string msg, std::string field = {}) { return {400, std::move(code), std::move(msg), std::move(field)}; }
inline ApiError unprocessable(std::string code, std::string msg, std::string field = {}) { return {422, std::move(code), std::move(msg), std::move(field)}; }
inline ApiError not_found(std::string code, std::string msg) { return {404, std::move(code), std::move(msg)}; }
inline ApiError forbidden(std::string code, std::string msg) { return {403, std::move(code), std::move(msg)}; }
inline ApiError conflict(std::string code, std::string msg, std::string field = {}) { return {409, std::move(code), std::move(msg), std::move(field)}; }

std::string error_body(const std::string& code, const std::string& message, const std::string& field = {});
}  // namespace xt
