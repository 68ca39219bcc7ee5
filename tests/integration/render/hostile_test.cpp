#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "shipped.hpp"
#include "support.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"

// Every shipped campaign for a customer whose name is built to break things: HTML, quotes,
// Markdown, 300 Japanese characters and an emoji. Python's email package (policy=default)
// reads each message as a mail client would (SPEC §7).

using namespace tsuikyaku;

namespace {

std::string hostile_name() {
  std::string name = "<script>alert(\"x\")</script> O'Brien [win](https://evil.example) **x** ";
  const std::string phrase = "山田花子と申します、いつもお世話になっております。";  // 25 characters
  for (int i = 0; i < 12; ++i) name += phrase;                                      // 300
  return name + " 🍵";
}

}  // namespace

TEST_CASE("render: a hostile customer name stays text in every shipped campaign", "[render]") {
  testing::TempDir dir;
  const std::string name = hostile_name();
  std::string command =
      "/usr/bin/python3 '" + (testing::source_dir() / "tests/data/check_eml.py").string() + "'";
  int n = 0;
  for (const std::string lang : {"ja", "en"}) {
    const testing::ShippedWorkspace workspace = testing::shipped_workspace(lang);
    for (const auto& campaign : workspace.campaigns) {
      if (campaign.channel != campaign::Channel::email) continue;  // printed, not mailed
      const auto request =
          testing::sample_request(workspace, campaign, name, 100 + static_cast<std::uint64_t>(n));
      const auto message = render::render_message(request);
      const std::string stem = std::to_string(++n) + "-" + lang + "-" + campaign.name;
      testing::write_file(dir / (stem + ".eml"), message.eml);
      const nlohmann::json expected{
          {"eml", (dir / (stem + ".eml")).string()},
          {"subject", message.subject},
          {"name", name},
          {"address", request.customer.email},
          {"html_must",
           {"&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;",
            "[win](https://evil.example) **x**"}},
          {"html_must_not", {"<script", "href=\"https://evil.example", "<strong>x</strong>"}},
          {"text_must", {name}},
      };
      testing::write_file(dir / (stem + ".json"), expected.dump());
      command += " '" + (dir / (stem + ".json")).string() + "'";
    }
  }
  REQUIRE(n == 18);  // nine campaigns in two languages
  CHECK(std::system(command.c_str()) == 0);
}

TEST_CASE("render: CR, LF and NUL in a value never reach a header", "[render]") {
  const testing::ShippedWorkspace workspace = testing::shipped_workspace("ja");
  for (const auto& campaign : workspace.campaigns) {
    for (const std::string& evil : std::vector<std::string>{
             "\r\nBcc: victim@example.com", "\nX-Evil: 1", std::string("a\0b", 3), "\rX-Evil: 1"}) {
      auto request = testing::sample_request(workspace, campaign, "Hanako" + evil, 1);
      if (request.order) {
        request.order->id = "1001" + evil;
        request.order->tracking_number = evil;
        request.order->carrier = evil;
      }
      const auto message = render::render_message(request);
      INFO(campaign.name);
      CHECK(message.eml.find('\0') == std::string::npos);
      // Every header line is a field we write or the continuation of one.
      const std::string head = message.eml.substr(0, message.eml.find("\r\n\r\n") + 1);
      for (const auto line : core::split(head, '\n')) {
        CHECK(line.ends_with('\r'));
        const std::string field(line.substr(0, line.find(':')));
        const bool ours =
            line.starts_with(" ") || std::string_view(
                                         "Date From To Reply-To Subject Message-ID MIME-Version "
                                         "List-Unsubscribe List-Unsubscribe-Post "
                                         "X-Tsuikyaku-Campaign Content-Type")
                                             .find(field) != std::string_view::npos;
        CHECK((ours && line.substr(0, line.size() - 1).find('\r') == std::string_view::npos));
      }
      CHECK(message.subject.find_first_of(std::string("\r\n\0", 3)) == std::string::npos);

      auto bad_address = request;
      bad_address.customer.email = "hanako@example.jp" + evil;
      CHECK_THROWS_AS(render::render_message(bad_address), core::Error);
    }
  }
}
