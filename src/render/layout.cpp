#include "layout.hpp"

#include <fmt/format.h>

#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::render {
namespace {

constexpr std::string_view k_font_ja =
    "-apple-system,BlinkMacSystemFont,'Hiragino Sans','Hiragino Kaku Gothic ProN','Yu "
    "Gothic',Meiryo,sans-serif";
constexpr std::string_view k_font_en =
    "-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif";

bool is_mailto(std::string_view link) { return core::starts_with(link, "mailto:"); }

std::string mail_address_of(std::string_view mailto) {
  const std::string_view rest = mailto.substr(7);
  return std::string(rest.substr(0, rest.find('?')));
}

std::string link(std::string_view url, std::string_view label) {
  return fmt::format("<a href=\"{}\" style=\"color:#777777;text-decoration:underline;\">{}</a>",
                     core::html_escape(url), core::html_escape(label));
}

}  // namespace

std::string footer_text(const Sender& sender, campaign::Language language) {
  const bool ja = language == campaign::Language::ja;
  std::string out = "\n--\n";
  out += ja ? fmt::format(
                  "このメールは、{}からのお知らせの受け取りにご同意いただいたお客様に"
                  "お送りしています。\n",
                  sender.shop_name)
            : fmt::format("You are receiving this because you agreed to hear from {}.\n",
                          sender.shop_name);
  out += fmt::format("{}\n{}\n", sender.shop_name, sender.address);
  out += fmt::format(fmt::runtime(ja ? "お問い合わせ: {}\n" : "Contact: {}\n"), sender.contact);
  if (is_mailto(sender.unsubscribe)) {
    out += fmt::format(
        fmt::runtime(ja ? "配信停止: {} 宛にメールをお送りください（本文は空で構いません）\n"
                        : "Unsubscribe: send an email to {} (it may be empty)\n"),
        mail_address_of(sender.unsubscribe));
  } else {
    out +=
        fmt::format(fmt::runtime(ja ? "配信停止: {}\n" : "Unsubscribe: {}\n"), sender.unsubscribe);
  }
  return out;
}

std::string footer_html(const Sender& sender, campaign::Language language) {
  const bool ja = language == campaign::Language::ja;
  const std::string why =
      ja ? fmt::format(
               "このメールは、{}"
               "からのお知らせの受け取りにご同意いただいたお客様にお送りしています。",
               sender.shop_name)
         : fmt::format("You are receiving this because you agreed to hear from {}.",
                       sender.shop_name);
  const std::string contact = link("mailto:" + sender.contact, sender.contact);
  std::string unsubscribe;
  if (is_mailto(sender.unsubscribe)) {
    const std::string address = mail_address_of(sender.unsubscribe);
    unsubscribe =
        ja ? fmt::format("配信停止: {} 宛にメールをお送りください（本文は空で構いません）",
                         link(sender.unsubscribe, address))
           : fmt::format("Unsubscribe: send an email to {} (it may be empty)",
                         link(sender.unsubscribe, address));
  } else {
    unsubscribe = link(sender.unsubscribe, ja ? "配信停止の手続き" : "Unsubscribe");
  }
  return fmt::format(
      "<p style=\"margin:0 0 8px;\">{}</p>\n<p style=\"margin:0 0 8px;\">{}<br />{}<br />{}"
      "</p>\n<p style=\"margin:0;\">{}</p>\n",
      core::html_escape(why), core::html_escape(sender.shop_name),
      core::html_escape(sender.address),
      fmt::format(fmt::runtime(ja ? "お問い合わせ: {}" : "Contact: {}"), contact), unsubscribe);
}

std::string html_document(std::string_view title, std::string_view body_html,
                          std::string_view footer, campaign::Language language) {
  const bool ja = language == campaign::Language::ja;
  const std::string footer_row =
      footer.empty() ? std::string{}
                     : fmt::format(
                           "<tr><td style=\"padding:20px 28px 0;font-family:{};font-size:12px;"
                           "line-height:1.6;color:#777777;\">\n{}</td></tr>\n",
                           ja ? k_font_ja : k_font_en, footer);
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>{}</title>\n</head>\n"
      "<body style=\"margin:0;padding:0;background-color:#f5f3ee;\">\n"
      "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
      "border=\"0\" style=\"background-color:#f5f3ee;\">\n<tr><td align=\"center\" "
      "style=\"padding:24px 12px;\">\n"
      "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
      "border=\"0\" style=\"max-width:600px;\">\n"
      "<tr><td style=\"background-color:#ffffff;border-radius:6px;padding:32px 28px;"
      "font-family:{};font-size:16px;line-height:1.75;color:#2b2b2b;\">\n{}</td></tr>\n{}"
      "</table>\n</td></tr>\n</table>\n</body>\n</html>\n",
      ja ? "ja" : "en", core::html_escape(title), ja ? k_font_ja : k_font_en, body_html,
      footer_row);
}

}  // namespace tsuikyaku::render
