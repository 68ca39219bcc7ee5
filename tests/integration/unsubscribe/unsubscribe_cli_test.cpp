#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iterator>
#include <thread>

#include "planning/planning_fixture.hpp"
#include "tsuikyaku/config/config.hpp"
#include "tsuikyaku/core/unsubscribe_token.hpp"
#include "tsuikyaku/render/unsubscribe_page.hpp"
#include "tsuikyaku/store/suppressions.hpp"

// One-click unsubscribe (RFC 8058, docs/mailbox.md): the per-recipient links `send` writes,
// `unsubscribe serve` run as a process and hit with curl as Gmail does, and `unsubscribe
// apply`, all against the workspace's real SQLite file.

using namespace tsuikyaku;
using namespace tsuikyaku::testing;
using Catch::Matchers::Contains;
namespace fs = std::filesystem;

namespace {

std::string shop_yaml(const std::string& extra) {
  return "shop:\n  name: Kaede Tea\n  from: \"Kaede Tea <hello@kaede.example>\"\n"
         "  timezone: Asia/Tokyo\n  currency: JPY\n"
         "  address: \"1-2-3 Jingumae, Tokyo\"\n"
         "  unsubscribe:\n"
         "    - \"https://kaede.example/unsubscribe\"\n"
         "    - \"mailto:unsubscribe@kaede.example\"\n" +
         extra;
}

const std::string k_news_yaml =
    "kind: marketing\nlang: en\ntrigger: { event: ordered, delay: 0h, expires: 3d }\n"
    "subject: \"News for {{customer.name}}\"\n";

// Kaede Tea with a marketing mail due now (run_cli's clock) to Hanako and Taro; extra
// goes under shop:.
PlanningShop news_shop(const std::string& extra, bool with_secret = true) {
  PlanningShop shop;
  write_file(shop.path() / "tsuikyaku.yaml", shop_yaml(extra));
  if (with_secret) REQUIRE(config::create_workspace_secret(shop.path()));
  shop.campaign("news", k_news_yaml, "Hello {{customer.name}}. Stop: {{unsubscribe_url}}\n");
  const auto hanako = shop.customer("C-1", "hanako@example.jp", true, "Hanako");
  const auto taro = shop.customer("C-2", "taro@example.jp", true, "Taro");
  shop.order({"1001", hanako, tokyo(11, 18, 10)});
  shop.order({"1002", taro, tokyo(11, 18, 10)});
  return shop;
}

std::string token_for(const PlanningShop& shop, const std::string& address) {
  return core::make_unsubscribe_token(config::read_workspace_secret(shop.path()), address);
}

// The outbox message to an address.
std::string outbox_mail_to(const PlanningShop& shop, const std::string& address) {
  for (const auto& entry : fs::directory_iterator(shop.path() / "outbox/new")) {
    const std::string eml = read_file(entry.path());
    if (eml.find("To: " + address) != std::string::npos ||
        eml.find("<" + address + ">") != std::string::npos)
      return eml;
  }
  return {};
}

std::size_t outbox_count(const PlanningShop& shop) {
  if (!fs::exists(shop.path() / "outbox/new")) return 0;
  const auto files = fs::directory_iterator(shop.path() / "outbox/new");
  return static_cast<std::size_t>(std::distance(fs::begin(files), fs::end(files)));
}

// `tsuikyaku unsubscribe serve --listen 127.0.0.1:0` as a process in the shop: the port
// it says it took, its log, and SIGTERM at the end.
class Server {
 public:
  explicit Server(const PlanningShop& shop) : m_log(m_logs / "serve.log") {
    m_pid = ::fork();
    REQUIRE(m_pid >= 0);
    if (m_pid == 0) {
      const int fd = ::open(m_log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      if (fd < 0 || ::chdir(shop.path().c_str()) != 0) ::_exit(127);
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
      char* const envp[] = {nullptr};
      ::execle(TSUIKYAKU_BINARY, "tsuikyaku", "unsubscribe", "serve", "--listen", "127.0.0.1:0",
               static_cast<char*>(nullptr), envp);
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      const std::string text = fs::exists(m_log) ? read_file(m_log) : "";
      const auto at = text.find("listening on http://127.0.0.1:");
      if (at != std::string::npos && text.find('\n', at) != std::string::npos) {
        m_port = std::stoi(text.substr(at + 30));
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const std::string log = read_file(m_log);
    stop();
    FAIL("unsubscribe serve did not start: " << log);
  }
  ~Server() {
    if (m_pid > 0) stop();
  }
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // SIGTERM; the exit code.
  int stop() {
    ::kill(m_pid, SIGTERM);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = 0;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string url(const std::string& token) const {
    return "http://127.0.0.1:" + std::to_string(m_port) + "/unsubscribe?t=" + token;
  }
  std::string log() const { return read_file(m_log); }

 private:
  TempDir m_logs;
  fs::path m_log;
  pid_t m_pid = 0;
  int m_port = 0;
};

struct Reply {
  int status = 0;
  std::string body;
};

// curl, as a mail provider's one-click (post) or a person's browser (get).
Reply curl(const std::string& url, bool post) {
  const TempDir out;
  std::string command = "curl -s -o '" + (out / "body").string() + "' -w '%{http_code}' ";
  if (post) {
    command +=
        "-X POST -H 'Content-Type: application/x-www-form-urlencoded' "
        "--data 'List-Unsubscribe=One-Click' ";
  }
  command += "'" + url + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char code[8] = {};
  const std::size_t n = std::fread(code, 1, sizeof code - 1, pipe);
  ::pclose(pipe);
  Reply reply;
  reply.status = std::stoi(std::string(code, n));
  reply.body = fs::exists(out / "body") ? read_file(out / "body") : "";
  return reply;
}

}  // namespace

TEST_CASE("unsubscribe: sent marketing mail carries the recipient's own links", "[unsubscribe]") {
  PlanningShop shop = news_shop("  unsubscribe_token: hmac\n");
  REQUIRE(run_cli(shop.path(), {"send"}).exit_code == 0);
  const std::string token = token_for(shop, "hanako@example.jp");
  const std::string eml = outbox_mail_to(shop, "hanako@example.jp");
  CHECK_THAT(eml, Contains("List-Unsubscribe: <https://kaede.example/unsubscribe?t=" + token +
                           ">,\r\n <mailto:unsubscribe@kaede.example?subject=unsubscribe%20" +
                           token + ">\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
  // Taro's mail has his own token, not Hanako's.
  const std::string other = outbox_mail_to(shop, "taro@example.jp");
  CHECK_THAT(other, Contains("?t=" + token_for(shop, "taro@example.jp") + ">"));
  CHECK(other.find(token) == std::string::npos);
}

TEST_CASE("unsubscribe: without a token scheme no List-Unsubscribe-Post is sent", "[unsubscribe]") {
  PlanningShop shop = news_shop("", false);
  REQUIRE(run_cli(shop.path(), {"send"}).exit_code == 0);
  const std::string eml = outbox_mail_to(shop, "hanako@example.jp");
  CHECK_THAT(eml, Contains("List-Unsubscribe: <https://kaede.example/unsubscribe>,\r\n "
                           "<mailto:unsubscribe@kaede.example?subject=unsubscribe>\r\n"));
  CHECK(eml.find("List-Unsubscribe-Post") == std::string::npos);
}

TEST_CASE("unsubscribe: a signed scheme without the secret stops send with the fix",
          "[unsubscribe]") {
  PlanningShop shop = news_shop("  unsubscribe_token: hmac\n", false);
  const CliResult result = run_cli(shop.path(), {"send"});
  CHECK(result.exit_code == 78);
  CHECK(result.err ==
        "tsuikyaku: error: shop.unsubscribe_token: hmac signs each recipient's unsubscribe link "
        "with the workspace secret tsuikyaku.secret, which is missing; run `tsuikyaku init` in "
        "the workspace to make it (init keeps every file that exists)\n");
  CHECK(outbox_count(shop) == 0);
}

TEST_CASE("unsubscribe: campaigns check refuses a template in shop.unsubscribe", "[unsubscribe]") {
  PlanningShop shop;
  write_file(shop.path() / "tsuikyaku.yaml",
             "shop:\n  name: Kaede Tea\n  from: hello@kaede.example\n  timezone: Asia/Tokyo\n"
             "  currency: JPY\n  unsubscribe: \"https://kaede.example/u?e={{customer.email}}\"\n");
  const CliResult result = run_cli(shop.path(), {"campaigns", "check"});
  CHECK(result.exit_code == 78);
  CHECK(result.err ==
        "tsuikyaku: error: tsuikyaku.yaml:6:16: unsubscribe: '{{' is not expanded here: the link "
        "is the same for every recipient; set shop.unsubscribe_token: hmac to give each "
        "recipient a link of their own\n");
}

TEST_CASE("unsubscribe: init makes the secret once, private, and never prints it",
          "[unsubscribe]") {
  const TempDir dir;
  const CliResult first = run_cli(dir.path(), {"init", "--lang", "en"});
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.out, Contains("  created  tsuikyaku.secret\n"));
  const std::string secret = read_file(dir / "tsuikyaku.secret");
  CHECK(secret.size() == 65);
  CHECK(secret.find_first_not_of("0123456789abcdef") == 64);
  struct stat info {};
  REQUIRE(::stat((dir / "tsuikyaku.secret").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK(first.out.find(secret.substr(0, 64)) == std::string::npos);
  const CliResult again = run_cli(dir.path(), {"init", "--lang", "en"});
  CHECK_THAT(again.out, Contains("  kept     tsuikyaku.secret\n"));
  CHECK(read_file(dir / "tsuikyaku.secret") == secret);
}

TEST_CASE("unsubscribe serve: Gmail's one-click POST unsubscribes, a forged token does not",
          "[unsubscribe]") {
  PlanningShop shop = news_shop("  unsubscribe_token: hmac\n  language: en\n");
  const std::string token = token_for(shop, "hanako@example.jp");
  Server server(shop);

  // A GET only asks: nothing is recorded.
  const Reply page = curl(server.url(token), false);
  CHECK(page.status == 200);
  CHECK(page.body == render::unsubscribe_page(render::UnsubscribePage::confirm, core::Language::en,
                                              "Kaede Tea", "hanako@example.jp"));
  CHECK_THAT(page.body,
             Contains("<p>Stop the marketing mail from Kaede Tea to hanako@example.jp? Mail about "
                      "your own orders (confirmations, shipping) still comes.</p>\n<form "
                      "method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
                      "value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>"));
  CHECK(shop.scalar("SELECT COUNT(*) FROM suppressions") == 0);

  // Taro's address with Hanako's MAC, and a token with one character changed.
  const std::string taro = token_for(shop, "taro@example.jp");
  const std::string forged = taro.substr(0, taro.find('.')) + token.substr(token.find('.'));
  std::string altered = token;
  altered.back() = altered.back() == 'A' ? 'B' : 'A';
  for (const std::string& bad : {forged, altered, std::string("x")}) {
    const Reply refused = curl(server.url(bad), true);
    CHECK(refused.status == 403);
    CHECK_THAT(refused.body, Contains("<p>This unsubscribe link is not valid. Use the link in the "
                                      "latest mail from Kaede Tea, or reply to that mail with "
                                      "\"unsubscribe\".</p>"));
  }
  CHECK(shop.scalar("SELECT COUNT(*) FROM suppressions") == 0);

  const Reply done = curl(server.url(token), true);
  CHECK(done.status == 200);
  CHECK_THAT(done.body,
             Contains("<p>Kaede Tea will send no more marketing mail to hanako@example.jp.</p>"));
  CHECK(curl(server.url(token), true).status == 200);  // a second click changes nothing
  CHECK(shop.rows("SELECT address, reason, source FROM suppressions") ==
        std::vector<std::string>{"hanako@example.jp|unsubscribed|unsubscribe-link"});

  CHECK(server.stop() == 0);
  const std::string log = server.log();
  INFO(log);
  CHECK_THAT(log, Contains(" GET /unsubscribe 200\n"));
  CHECK_THAT(log, Contains(" POST /unsubscribe 403\n"));
  CHECK_THAT(log, Contains(" POST /unsubscribe 200\n"));
  CHECK(log.find(token.substr(token.find('.') + 1)) == std::string::npos);
  CHECK(log.find("t=") == std::string::npos);

  // send then skips Hanako's marketing mail and mails Taro.
  REQUIRE(run_cli(shop.path(), {"send"}).exit_code == 0);
  CHECK(outbox_count(shop) == 1);
  CHECK_FALSE(outbox_mail_to(shop, "taro@example.jp").empty());
  CHECK(shop.rows("SELECT state, skip_reason FROM messages m JOIN customers c ON "
                  "c.id = m.customer_id WHERE c.email = 'hanako@example.jp'") ==
        std::vector<std::string>{"skipped|unsubscribed"});
}

TEST_CASE("unsubscribe serve: the page is in the shop's language", "[unsubscribe]") {
  PlanningShop shop = news_shop("  unsubscribe_token: hmac\n  language: ja\n");
  Server server(shop);
  const Reply page = curl(server.url(token_for(shop, "hanako@example.jp")), false);
  CHECK(page.status == 200);
  CHECK_THAT(page.body, Contains("<html lang=\"ja\">"));
  CHECK_THAT(
      page.body,
      Contains("<h1 style=\"font-size: 1.4em\">配信停止</h1>\n<p>Kaede Teaから"
               "hanako@example.jp宛てのお知らせメールの配信を停止しますか？ご注文について"
               "のメール（ご注文の確認・発送のお知らせ）は引き続きお送りします。</p>\n"
               "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
               "value=\"One-Click\"><button type=\"submit\">配信を停止する</button></form>"));
  const Reply refused = curl(server.url("nothing.here"), false);
  CHECK(refused.status == 403);
  CHECK_THAT(refused.body,
             Contains("<p>この配信停止のリンクは正しくありません。Kaede Teaからの最新のメールにある"
                      "リンクをお使いいただくか、そのメールに「配信停止」とご返信ください。</p>"));
  const Reply done = curl(server.url(token_for(shop, "hanako@example.jp")), true);
  CHECK_THAT(
      done.body,
      Contains("<p>Kaede Teaからhanako@example.jp宛てのお知らせメールの配信を停止しました。</p>"));
}

TEST_CASE("unsubscribe apply: a link by hand, idempotent; a forged one changes nothing",
          "[unsubscribe]") {
  PlanningShop shop = news_shop("  unsubscribe_token: hmac\n");
  const std::string token = token_for(shop, "hanako@example.jp");
  const std::string link = "https://kaede.example/unsubscribe?t=" + token;
  const CliResult forged = run_cli(shop.path(), {"unsubscribe", "apply", link + "x"});
  CHECK(forged.exit_code == 65);
  CHECK(forged.err ==
        "tsuikyaku: error: not an unsubscribe link of this workspace: the token is missing, "
        "altered, or signed with another workspace's tsuikyaku.secret\n");
  CHECK(shop.scalar("SELECT COUNT(*) FROM suppressions") == 0);

  const CliResult first = run_cli(shop.path(), {"unsubscribe", "apply", link});
  CHECK(first.exit_code == 0);
  CHECK(first.out == "hanako@example.jp: unsubscribed\n");
  const CliResult again = run_cli(shop.path(), {"unsubscribe", "apply", "unsubscribe " + token});
  CHECK(again.exit_code == 0);
  CHECK(again.out == "hanako@example.jp: already suppressed\n");
  CHECK(shop.rows("SELECT address, reason, source FROM suppressions") ==
        std::vector<std::string>{"hanako@example.jp|unsubscribed|unsubscribe-apply"});
}
