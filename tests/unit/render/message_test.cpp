#include "tsuikyaku/render/message.hpp"

#include <catch2/catch.hpp>

#include "tsuikyaku/campaign/template.hpp"
#include "tsuikyaku/core/unsubscribe_token.hpp"

using namespace tsuikyaku;
using Catch::Matchers::Contains;

namespace {

campaign::Shop shop() {
  campaign::Shop s;
  s.name = "かえで茶舗";
  s.from = {"かえで茶舗", "hello@kaede.example"};
  s.reply_to = core::Mailbox{"", "support@kaede.example"};
  s.timezone = *core::TimeZone::find("Asia/Tokyo");
  s.currency = core::find_currency("JPY");
  s.address = "東京都渋谷区神宮前1-2-3";
  s.url = "https://kaede.example";
  s.unsubscribe.mailto = "mailto:unsubscribe@kaede.example";
  s.unsubscribe.https = "https://kaede.example/stop";
  s.fallback_name = "お客様";
  return s;
}

render::MessageRequest request(const campaign::Campaign& c, const campaign::Shop& s) {
  render::MessageRequest r;
  r.campaign = &c;
  r.shop = &s;
  r.customer = {"C1", "山田 花子", "hanako@example.jp", "loyal"};
  const auto at = s.timezone.to_instant(*core::make_local(2026, 11, 1, 10));
  r.order =
      render::OrderInfo{"1001", core::Money(4980, *s.currency), at, at, at, "4912", "ヤマト運輸"};
  r.coupon_code = "THANKS10";
  r.date = at;
  r.message_token = "t1";
  return r;
}

}  // namespace

TEST_CASE("render: every known variable has a value when the facts are known", "[render]") {
  campaign::Campaign c;
  c.name = "all";
  c.kind = campaign::Kind::marketing;
  c.trigger = campaign::Trigger{};
  c.coupon = campaign::Coupon{"THANKS10", ""};
  c.subject = "s";
  for (const auto name : campaign::known_variables()) {
    if (!campaign::section_fields(name).empty()) continue;  // sections: products_mail_test
    c.body += std::string(name) + "=[{{" + std::string(name) + "}}]\n\n";
  }
  const auto s = shop();
  const auto message = render::render_message(request(c, s));
  CHECK(message.text.find("=[]") == std::string::npos);
  CHECK_THAT(message.text, Contains("order.total=[4,980円]"));
  CHECK_THAT(message.text, Contains("order.ordered_at=[2026年11月1日]"));
  CHECK_THAT(message.text, Contains("shop.contact=[support@kaede.example]"));
  CHECK_THAT(message.text, Contains("unsubscribe_url=[https://kaede.example/stop]"));
  // One link for everybody cannot say whom a one-click POST is for: no -Post header.
  CHECK_THAT(message.eml, Contains("List-Unsubscribe: <https://kaede.example/stop>,\r\n "
                                   "<mailto:unsubscribe@kaede.example?subject=unsubscribe>\r\n"
                                   "X-Tsuikyaku-Campaign"));
  CHECK(message.eml.find("List-Unsubscribe-Post") == std::string::npos);
  CHECK_THAT(message.eml, Contains("X-Tsuikyaku-Campaign: all\r\n"));
  CHECK(message.message_id == "t1@kaede.example");
}

TEST_CASE("render: the fallback name never doubles the honorific", "[render]") {
  campaign::Campaign c;
  c.name = "thank-you";
  c.trigger = campaign::Trigger{};
  c.subject = "{{customer.name}}様、ありがとうございます";
  c.body = "{{ customer.name }}様\n";
  const auto s = shop();
  auto r = request(c, s);
  r.customer.name.clear();
  const auto message = render::render_message(r);
  CHECK(message.subject == "お客様、ありがとうございます");
  CHECK(message.text == "お客様\n");
  CHECK_THAT(message.eml, Contains("To: hanako@example.jp\r\n"));
  r.customer.name = "花子";
  CHECK(render::render_message(r).subject == "花子様、ありがとうございます");
}

TEST_CASE("render: signed unsubscribe links carry the recipient's token", "[render]") {
  campaign::Campaign c;
  c.name = "news";
  c.kind = campaign::Kind::marketing;
  c.subject = "s";
  c.body = "stop: {{unsubscribe_url}}\n";
  auto s = shop();
  s.unsubscribe.per_recipient = true;
  s.unsubscribe.secret = std::string(64, '7');
  const auto message = render::render_message(request(c, s));
  const std::string token = core::make_unsubscribe_token(s.unsubscribe.secret, "hanako@example.jp");
  CHECK_THAT(message.eml,
             Contains("List-Unsubscribe: <https://kaede.example/stop?t=" + token + ">,\r\n " +
                      "<mailto:unsubscribe@kaede.example?subject=unsubscribe%20" + token +
                      ">\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
  CHECK_THAT(message.text, Contains("stop: https://kaede.example/stop?t=" + token));
  // Without the secret the mail cannot be made: a config error with the fix.
  s.unsubscribe.secret.clear();
  CHECK_THROWS_WITH(render::render_message(request(c, s)),
                    Contains("tsuikyaku.secret, which is missing; run `tsuikyaku init`"));
}

TEST_CASE("render: transactional mail has no marketing footer or List-Unsubscribe", "[render]") {
  campaign::Campaign c;
  c.name = "thank-you";
  c.trigger = campaign::Trigger{};
  c.subject = "ありがとうございます";
  c.body = "[shop](https://kaede.example/a)\n";
  const auto s = shop();
  const auto message = render::render_message(request(c, s));
  CHECK(message.eml.find("List-Unsubscribe") == std::string::npos);
  CHECK(message.text == "shop (https://kaede.example/a)\n");  // no UTM, no footer
  CHECK(render::format_long_date(core::from_unix(1793491200), s.timezone, campaign::Language::en) ==
        "Nov 1, 2026");
}
