#pragma once

#include <iosfwd>
#include <map>
#include <string>
#include <vector>

#include "tsuikyaku/core/clock.hpp"

// The command line (SPEC §10, §11). `run` is the whole program: main() calls it with the
// process's streams and environment, tests call it with string streams, a map and a
// fixed clock. It is the one place that catches errors and turns them into exit codes.

namespace tsuikyaku::cli {

struct Io {
  std::istream& in;
  std::ostream& out;  // human output and --json documents
  std::ostream& err;  // diagnostics
  bool out_is_terminal = false;
  bool err_is_terminal = false;
  bool in_is_terminal = false;  // someone types: a command may ask (init --platform)
};

using Env = std::map<std::string, std::string>;

// args without the program name; returns the exit code.
int run(const std::vector<std::string>& args, Io& io, const Env& env, const core::Clock& clock);

// The process entry point: real streams, environment and clock.
int main(int argc, char** argv);

}  // namespace tsuikyaku::cli
