#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/import_entry.hpp"

// Every input the fuzzer kept (tests/fuzz/run) runs again here, through the same entry
// point, under the normal and the sanitizer builds.
TEST_CASE("import: the fuzz corpus runs through the reader and the row parser", "[import]") {
  const std::filesystem::path corpus =
      std::filesystem::path(TSUIKYAKU_SOURCE_DIR) / "tests/data/import/fuzz-corpus";
  std::size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    INFO(entry.path().filename().string());
    tsuikyaku::fuzz::run_import_input(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                      bytes.size());
    ++inputs;
  }
  CHECK(inputs >= 3);
}
