// libFuzzer target for the mail message reader (tests/fuzz/run 600 message builds and runs it).

#include "message_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  tsuikyaku::fuzz::run_message_input(data, size);
  return 0;
}
