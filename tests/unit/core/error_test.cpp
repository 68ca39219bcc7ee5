#include "tsuikyaku/core/error.hpp"

#include <catch2/catch.hpp>

using namespace tsuikyaku::core;

TEST_CASE("error: a kind maps to the exit code of the contract", "[core]") {
  CHECK(exit_code_for(ErrorKind::usage) == ExitCode::usage);
  CHECK(exit_code_for(ErrorKind::data) == ExitCode::data_error);
  CHECK(exit_code_for(ErrorKind::no_input) == ExitCode::no_input);
  CHECK(exit_code_for(ErrorKind::unavailable) == ExitCode::unavailable);
  CHECK(exit_code_for(ErrorKind::temp_fail) == ExitCode::temp_fail);
  CHECK(exit_code_for(ErrorKind::config) == ExitCode::config);
  CHECK(exit_code_for(ErrorKind::internal) == ExitCode::failure);
}

TEST_CASE("error: a message is located at a file, a line and a column", "[core]") {
  CHECK(located({"tsuikyaku.yaml", 7, 12}, "unknown key") == "tsuikyaku.yaml:7:12: unknown key");
  CHECK(located({"list.csv", 4, 0}, "not an address") == "list.csv:4: not an address");
  CHECK(located({"list.csv", 0, 0}, "empty file") == "list.csv: empty file");
  const Error error = config_error({"campaigns/a.yaml", 2, 3}, "expected a duration");
  CHECK(error.kind() == ErrorKind::config);
  CHECK(std::string(error.what()) == "campaigns/a.yaml:2:3: expected a duration");
}
