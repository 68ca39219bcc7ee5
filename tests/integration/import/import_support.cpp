#include "import_support.hpp"

namespace tsuikyaku::testing {

Shop::Shop(std::string_view currency, std::string_view zone) {
  write_file(m_dir / "tsuikyaku.yaml",
             "shop:\n  name: Kaede Tea\n  from: \"Kaede Tea <hello@kaede.example>\"\n"
             "  timezone: " +
                 std::string(zone) + "\n  currency: " + std::string(currency) + "\n");
}

CliResult Shop::import(std::string_view file, std::string_view bytes,
                       std::vector<std::string> args) {
  write_file(m_dir / file, bytes);
  args.insert(args.begin(), {"import", std::string(file)});
  return run(std::move(args));
}

CliResult Shop::run(std::vector<std::string> args, std::string stdin_text) {
  CliRun cli;
  cli.args = std::move(args);
  cli.stdin_text = std::move(stdin_text);
  return run_cli(m_dir.path(), cli);
}

std::string Shop::query(const std::string& sql) {
  SQLite::Database db((m_dir / "tsuikyaku.db").string(), SQLite::OPEN_READONLY);
  SQLite::Statement statement(db, sql);
  if (!statement.executeStep()) return "(none)";
  std::string out;
  for (int i = 0; i < statement.getColumnCount(); ++i) {
    if (i > 0) out += "|";
    out += statement.getColumn(i).getString();
  }
  return out;
}

}  // namespace tsuikyaku::testing
