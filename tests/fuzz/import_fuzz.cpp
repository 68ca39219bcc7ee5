// libFuzzer target for the CSV reader and the row parser (tests/fuzz/run builds and runs it).

#include "import_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tsuikyaku::fuzz::run_import_input(data, size);
  return 0;
}
