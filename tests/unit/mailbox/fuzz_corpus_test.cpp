#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/message_entry.hpp"

// Every message in the message reader's fuzz corpus (tests/fuzz/run 600 message) runs
// again here, through the same entry point, under the normal and the sanitizer builds.
TEST_CASE("mailbox: the fuzz corpus runs through the MIME tree and the reading", "[mailbox]") {
  const std::filesystem::path corpus =
      std::filesystem::path(TSUIKYAKU_SOURCE_DIR) / "tests/data/mailbox/fuzz-corpus";
  std::size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(corpus)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    INFO(entry.path().filename().string());
    tsuikyaku::fuzz::run_message_input(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                       bytes.size());
    ++inputs;
  }
  CHECK(inputs >= 6);
}
