#pragma once

#include <optional>
#include <string>
#include <utility>

// How pure logic fails without throwing: a value, or the reason there is none, as the
// user reads it ("ordered_at: \"x\" is not a date-time like …"). One style for every
// module, in place of out-parameters and empty-string errors. A failure that stops a
// command is a core::Error instead (core/error.hpp).

namespace tsuikyaku::core {

// The reason of a failed result: `return core::Failure{"no column for total"};`.
struct Failure {
  std::string reason;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_value(std::move(value)) {}  // NOLINT: implicit, as a return value
  Result(Failure failure) : m_reason(std::move(failure.reason)) {}  // NOLINT

  bool ok() const { return m_value.has_value(); }
  explicit operator bool() const { return ok(); }

  // Only when ok().
  T& value() & { return *m_value; }
  const T& value() const& { return *m_value; }
  T&& value() && { return std::move(*m_value); }
  T* operator->() { return &*m_value; }
  const T* operator->() const { return &*m_value; }

  // Only when !ok().
  const std::string& reason() const { return m_reason; }

 private:
  std::optional<T> m_value;
  std::string m_reason;
};

// Success without a value, or the reason.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Failure failure) : m_failed(true), m_reason(std::move(failure.reason)) {}  // NOLINT

  bool ok() const { return !m_failed; }
  explicit operator bool() const { return ok(); }
  const std::string& reason() const { return m_reason; }

 private:
  bool m_failed = false;
  std::string m_reason;
};

using Status = Result<void>;

}  // namespace tsuikyaku::core
