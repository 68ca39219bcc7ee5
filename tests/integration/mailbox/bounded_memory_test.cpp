#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "support.hpp"

// `inbox scan` on a 50 MB bounce and on a 10,000-part MIME tree, each in a child process
// whose peak resident memory is measured (docs/mailbox.md, the limits): the message costs
// its own bytes and the limits, never a multiple of its size or of its parts.

using namespace tsuikyaku;

namespace {

// AddressSanitizer keeps freed memory in quarantine and adds shadow memory: its peak RSS
// says nothing about the reader's, so the sanitizer build only checks the reading.
#if defined(__SANITIZE_ADDRESS__)
constexpr bool k_measured = false;
#else
constexpr bool k_measured = true;
#endif

struct Scan {
  int exit_code = -1;
  long peak_kib = 0;  // the child's peak resident set (ru_maxrss)
  std::string out;
};

// Runs `inbox scan --json FILE` in a forked child; the parent reads its peak RSS. The
// child starts with this process's pages, so compare against a small message's peak.
Scan scan_in_child(const testing::TempDir& dir, const std::string& file) {
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    const auto result = testing::run_cli(dir.path(), {"inbox", "scan", "--json", file});
    std::size_t at = 0;
    while (at < result.out.size()) {
      const ssize_t n = ::write(pipe_fds[1], result.out.data() + at, result.out.size() - at);
      if (n <= 0) break;
      at += static_cast<std::size_t>(n);
    }
    ::_exit(result.exit_code);
  }
  ::close(pipe_fds[1]);
  Scan scan;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
    scan.out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  rusage usage{};
  REQUIRE(::wait4(pid, &status, 0, &usage) == pid);
  REQUIRE(WIFEXITED(status));
  scan.exit_code = WEXITSTATUS(status);
  scan.peak_kib = usage.ru_maxrss;
  return scan;
}

const std::string k_head =
    "From: MAILER-DAEMON@mx.example.net\r\n"
    "To: bounces@shop.example\r\n"
    "Subject: Undelivered Mail Returned to Sender\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\r\n"
    "\r\n"
    "--B\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "<gone@example.jp>: 550 5.1.1 User unknown\r\n"
    "--B\r\n"
    "Content-Type: message/delivery-status\r\n"
    "\r\n"
    "Reporting-MTA: dns; mx.example.net\r\n"
    "\r\n"
    "Final-Recipient: rfc822; gone@example.jp\r\n"
    "Action: failed\r\n"
    "Status: 5.1.1\r\n"
    "\r\n";

std::string bounce_with(const std::string& returned) {
  return k_head + "--B\r\n" + returned + "--B--\r\n";
}

// The one recipient the bounce names, as `--json` gives it.
void check_read(const Scan& scan) {
  CHECK(scan.exit_code == 0);
  const auto document = nlohmann::json::parse(scan.out);
  CHECK(document["messages"][0]["kind"] == "bounce");
  CHECK(document["messages"][0]["recipients"][0]["address"] == "gone@example.jp");
  CHECK(document["messages"][0]["recipients"][0]["hard"] == true);
}

}  // namespace

TEST_CASE("inbox scan: a 50 MB message and a 10,000-part tree in bounded memory", "[mailbox]") {
  testing::TempDir dir;
  testing::write_file(dir / "small.eml", bounce_with("Content-Type: text/plain\r\n\r\nx\r\n"));
  const Scan small = scan_in_child(dir, "small.eml");
  check_read(small);

  // A returned message with a 50 MB base64 attachment: the base64 line, 76 characters.
  std::string big = k_head +
                    "--B\r\nContent-Type: message/rfc822\r\nContent-Transfer-Encoding: "
                    "base64\r\n\r\n";
  const std::string line = std::string(76, 'Q') + "\r\n";
  while (big.size() < 50'000'000) big += line;
  big += "--B--\r\n";
  testing::write_file(dir / "big.eml", big);
  const std::size_t big_bytes = big.size();
  big.clear();
  big.shrink_to_fit();
  const Scan large = scan_in_child(dir, "big.eml");
  check_read(large);
  const long big_kib = static_cast<long>(big_bytes / 1024);
  INFO("small " << small.peak_kib << " KiB, 50 MB " << large.peak_kib << " KiB");
  // Its own bytes, the 8 MiB of decoded returned message and the 1 MiB text limits, and
  // room for the allocator: well under twice the message.
  if (k_measured) CHECK(large.peak_kib - small.peak_kib < big_kib + 32 * 1024);

  // 10,000 parts nested 1 level under the report: the first 1,000 are kept.
  std::string parts = "Content-Type: multipart/mixed; boundary=\"P\"\r\n\r\n";
  for (int i = 0; i < 10'000; ++i) {
    parts += "--P\r\nContent-Type: text/plain\r\n\r\npart " + std::to_string(i) + "\r\n";
  }
  parts += "--P--\r\n";
  testing::write_file(dir / "parts.eml", bounce_with(parts));
  const Scan tree = scan_in_child(dir, "parts.eml");
  check_read(tree);
  INFO("10,000 parts " << tree.peak_kib << " KiB");
  if (k_measured) CHECK(tree.peak_kib - small.peak_kib < 16 * 1024);
}
