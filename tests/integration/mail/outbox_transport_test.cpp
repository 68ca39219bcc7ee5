#include "tsuikyaku/mail/outbox_transport.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <set>
#include <stdexcept>

#include "support.hpp"

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
namespace fs = std::filesystem;

namespace {

mail::OutgoingMessage message(int n) {
  mail::OutgoingMessage out;
  out.ledger_id = n;
  out.sender = "hello@kaede.test";
  out.recipient = "customer@example.test";
  out.message_id = "m" + std::to_string(n) + "@kaede.test";
  out.data =
      "From: <hello@kaede.test>\r\nTo: <customer@example.test>\r\nSubject: " + std::to_string(n) +
      "\r\n\r\n.a dot line\r\n";
  return out;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path());
  return out;
}

}  // namespace

TEST_CASE("mail: the outbox writes each message unchanged as a file in new/", "[mail]") {
  const TempDir dir;
  mail::OutboxTransport transport(dir / "outbox");
  CHECK(transport.name() == "outbox");
  const auto connection = transport.open_connection();
  std::set<std::string> names;
  for (int n = 1; n <= 20; ++n) {
    const auto outcome = connection->deliver(message(n));
    REQUIRE(outcome.status == delivery::Status::sent);
    CHECK(fs::path(outcome.server_id).extension() == ".eml");
    CHECK(read_file(dir / "outbox/new" / outcome.server_id) == message(n).data);
    names.insert(outcome.server_id);
  }
  CHECK(names.size() == 20);
  CHECK(files_in(dir / "outbox/new").size() == 20);
  CHECK(files_in(dir / "outbox/tmp").empty());
  CHECK(fs::is_directory(dir / "outbox/cur"));
  // Maildir names: time.M<µs>P<pid>Q<counter>.host; no ':' (that starts the info part).
  const std::string name = *names.begin();
  CHECK(name.find(".M") != std::string::npos);
  CHECK(name.find("P" + std::to_string(::getpid()) + "Q") != std::string::npos);
  CHECK(name.find(':') == std::string::npos);
  struct stat info {};
  REQUIRE(::stat((dir / "outbox/new" / name).c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
}

TEST_CASE("mail: an outbox that cannot be written stops the run with everything queued", "[mail]") {
  const TempDir dir;
  write_file(dir / "outbox", "not a folder");
  mail::OutboxTransport transport(dir / "outbox");
  const auto outcome = transport.open_connection()->deliver(message(1));
  CHECK(outcome.status == delivery::Status::deferred);
  CHECK(outcome.unreachable);
  CHECK(outcome.error.rfind("cannot write ", 0) == 0);
  CHECK(outcome.error.find("outbox/tmp/") != std::string::npos);
}

TEST_CASE("mail: the outbox hands over once, just before the file reaches new/", "[mail]") {
  const TempDir dir;
  mail::OutboxTransport transport(dir / "outbox");
  const auto connection = transport.open_connection();
  int calls = 0;
  std::size_t tmp_then = 0;
  std::size_t new_then = 0;
  const auto outcome = connection->deliver(message(1), [&] {
    ++calls;
    tmp_then = files_in(dir / "outbox/tmp").size();
    new_then = files_in(dir / "outbox/new").size();
  });
  CHECK(outcome.status == delivery::Status::sent);
  CHECK(calls == 1);
  CHECK(tmp_then == 1);  // written and synced, not yet delivered
  CHECK(new_then == 0);
  CHECK(files_in(dir / "outbox/new").size() == 1);

  CHECK_THROWS_WITH(
      connection->deliver(message(2), [] { throw std::runtime_error("database is locked"); }),
      "database is locked");
  CHECK(files_in(dir / "outbox/new").size() == 1);
  CHECK(files_in(dir / "outbox/tmp").empty());
}
