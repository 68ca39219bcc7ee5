#include "commands.hpp"

namespace tsuikyaku::cli {

const std::vector<AddCommand>& commands() {
  static const std::vector<AddCommand> k_commands{
      add_init, add_campaigns, add_plan, add_preview, add_segments,
  };
  return k_commands;
}

}  // namespace tsuikyaku::cli
