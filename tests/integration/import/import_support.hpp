#pragma once

// A shop workspace for import tests: a config in a temporary folder and the CLI run in it.

#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

#include "support.hpp"

namespace tsuikyaku::testing {

class Shop {
 public:
  explicit Shop(std::string_view currency = "JPY", std::string_view zone = "Asia/Tokyo");

  const std::filesystem::path& dir() const { return m_dir.path(); }
  std::filesystem::path operator/(std::string_view relative) const { return m_dir / relative; }

  // Writes file (bytes as given) and runs `tsuikyaku import` with args in the workspace.
  CliResult import(std::string_view file, std::string_view bytes,
                   std::vector<std::string> args = {});
  CliResult run(std::vector<std::string> args, std::string stdin_text = {});

  // One value of a query on the shop's database.
  std::string query(const std::string& sql);

 private:
  TempDir m_dir;
};

}  // namespace tsuikyaku::testing
