#include "tsuikyaku/render/unsubscribe_page.hpp"

#include <fmt/format.h>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::render {
namespace {

struct Words {
  std::string title;
  std::string text;
  std::string button;  // the confirm page's only
};

Words words(UnsubscribePage page, core::Language language, const std::string& shop,
            const std::string& address) {
  const bool ja = language == core::Language::ja;
  switch (page) {
    case UnsubscribePage::confirm:
      if (ja) {
        return {"配信停止",
                fmt::format("{}から{}宛てのお知らせメールの配信を停止しますか？"
                            "ご注文についてのメール（ご注文の確認・発送のお知らせ）は"
                            "引き続きお送りします。",
                            shop, address),
                "配信を停止する"};
      }
      return {"Unsubscribe",
              fmt::format("Stop the marketing mail from {} to {}? Mail about your own orders "
                          "(confirmations, shipping) still comes.",
                          shop, address),
              "Unsubscribe"};
    case UnsubscribePage::done:
      if (ja) {
        return {"配信を停止しました",
                fmt::format("{}から{}宛てのお知らせメールの配信を停止しました。", shop, address),
                ""};
      }
      return {"You are unsubscribed",
              fmt::format("{} will send no more marketing mail to {}.", shop, address), ""};
    case UnsubscribePage::refused:
      break;
  }
  if (ja) {
    return {"このリンクは使えません",
            fmt::format("この配信停止のリンクは正しくありません。{}からの最新のメールにある"
                        "リンクをお使いいただくか、そのメールに「配信停止」とご返信ください。",
                        shop),
            ""};
  }
  return {"This link does not work",
          fmt::format("This unsubscribe link is not valid. Use the link in the latest mail from "
                      "{}, or reply to that mail with \"unsubscribe\".",
                      shop),
          ""};
}

}  // namespace

std::string unsubscribe_page(UnsubscribePage page, core::Language language,
                             const std::string& shop_name, const std::string& address) {
  const Words w = words(page, language, core::html_escape(shop_name), core::html_escape(address));
  // No action: the form POSTs to this very URL, token and all (RFC 8058's request).
  const std::string form =
      w.button.empty()
          ? ""
          : fmt::format(
                "<form method=\"post\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
                "value=\"One-Click\"><button type=\"submit\">{}</button></form>\n",
                w.button);
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta name=\"robots\" content=\"noindex\">\n<title>{}</title>\n</head>\n"
      "<body style=\"font-family: sans-serif; max-width: 32em; margin: 3em auto; padding: 0 1em; "
      "line-height: 1.6\">\n<h1 style=\"font-size: 1.4em\">{}</h1>\n<p>{}</p>\n{}</body>\n"
      "</html>\n",
      core::to_string(language), w.title, w.title, w.text, form);
}

}  // namespace tsuikyaku::render
