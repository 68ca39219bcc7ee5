#include "tsuikyaku/cli/cli.hpp"

int main(int argc, char** argv) { return tsuikyaku::cli::main(argc, argv); }
