#include "commands.hpp"

namespace tsuikyaku::cli {

const std::vector<AddCommand>& commands() {
  static const std::vector<AddCommand> k_commands{
      add_init,    add_import,      add_segments, add_products, add_campaigns, add_plan,
      add_preview, add_send,        add_report,   add_status,   add_suppress,  add_customers,
      add_inbox,   add_unsubscribe, add_calendar, add_inserts,  add_post,
  };
  return k_commands;
}

}  // namespace tsuikyaku::cli
