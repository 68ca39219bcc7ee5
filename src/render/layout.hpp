#pragma once

// The parts of a message that are not the template: the HTML wrapper and the marketing
// footer (SPEC §6). Private to the render module.

#include <string>
#include <string_view>

#include "tsuikyaku/campaign/campaign.hpp"
#include "tsuikyaku/campaign/shop.hpp"

namespace tsuikyaku::render {

// Who the customer writes to and how they unsubscribe, as the footer states them.
struct Sender {
  std::string shop_name;
  std::string address;      // postal address
  std::string contact;      // a mail address: reply_to, else from
  std::string unsubscribe;  // the https link, else the mailto link
};

// The footer marketing mail carries (SPEC §6; Japan's Act on Specified Electronic Mail,
// CAN-SPAM): why the customer gets the mail, the sender's name, postal address, a contact
// and how to unsubscribe.
std::string footer_text(const Sender& sender, campaign::Language language);
std::string footer_html(const Sender& sender, campaign::Language language);

// A whole HTML document around a body fragment: one centred column with inline styles,
// no external assets, no scripts, so that Gmail and Apple Mail show it as written.
std::string html_document(std::string_view title, std::string_view body_html,
                          std::string_view footer_html, campaign::Language language);

}  // namespace tsuikyaku::render
