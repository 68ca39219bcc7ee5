#include "commands.hpp"

#include "tsuikyaku/core/i18n.hpp"

namespace tsuikyaku::cli {

std::string error_prefix() { return core::tr("tsuikyaku: error: "); }

const char* json_help() { return core::tr("Print one JSON document (docs/json.md)"); }

const std::vector<AddCommand>& commands() {
  static const std::vector<AddCommand> k_commands{
      add_init,    add_import,      add_segments, add_products, add_campaigns, add_plan,
      add_preview, add_send,        add_report,   add_status,   add_suppress,  add_customers,
      add_inbox,   add_unsubscribe, add_calendar, add_inserts,  add_post,
  };
  return k_commands;
}

}  // namespace tsuikyaku::cli
