#include "tsuikyaku/render/message.hpp"

#include <fmt/format.h>

#include <kainjow/mustache.hpp>
#include <map>
#include <regex>

#include "layout.hpp"
#include "tsuikyaku/campaign/validation.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"
#include "tsuikyaku/core/unsubscribe_token.hpp"
#include "tsuikyaku/render/markdown.hpp"
#include "tsuikyaku/render/mime.hpp"
#include "tsuikyaku/render/note.hpp"

namespace tsuikyaku::render {
namespace {

namespace mustache = kainjow::mustache;
using campaign::Language;

// Sets key only when value is known: an absent key is false in a section and empty in a
// variable, while an empty string would open {{#order.tracking_number}}.
void put(mustache::object& object, const std::string& key, const std::string& value) {
  if (!value.empty()) object.emplace(key, value);
}

core::Mailbox contact_of(const campaign::Campaign& campaign, const campaign::Shop& shop) {
  if (campaign.reply_to) return *campaign.reply_to;
  if (shop.reply_to) return *shop.reply_to;
  return campaign.from ? *campaign.from : shop.from;
}

// The links of one recipient's mail: the https page and the mailto address, each with
// the recipient's token when the shop signs them (shop.unsubscribe_token: hmac).
struct UnsubscribeLinks {
  std::string https;
  std::string mailto;

  // The link the body and footer offer: the https page, else the mailto.
  const std::string& preferred() const { return https.empty() ? mailto : https; }
};

UnsubscribeLinks unsubscribe_links(const campaign::Shop& shop, std::string_view recipient) {
  const campaign::Unsubscribe& config = shop.unsubscribe;
  std::string token;
  if (config.per_recipient && config.any()) {
    if (config.secret.empty()) {
      throw core::Error(core::ErrorKind::config, campaign::missing_unsubscribe_secret());
    }
    token = core::make_unsubscribe_token(config.secret, recipient);
  }
  UnsubscribeLinks links;
  if (!config.https.empty()) {
    links.https = config.https;
    if (!token.empty()) {
      links.https += (config.https.find('?') == std::string::npos ? "?t=" : "&t=") + token;
    }
  }
  // A mailto whose subject says what the mail is for, and whom.
  const std::string& mailto = config.mailto;
  links.mailto = mailto;
  const std::string subject = token.empty() ? "unsubscribe" : "unsubscribe%20" + token;
  if (!mailto.empty() && mailto.find('?') == std::string::npos) {
    links.mailto += "?subject=" + subject;
  } else if (!mailto.empty() && mailto.find("subject=") == std::string::npos) {
    links.mailto += "&subject=" + subject;
  }
  return links;
}

// The care texts of products.yaml go into the body as the shop's own Markdown, not as
// escaped values: the data holds a token for each, which the escape handler swaps for the
// text. A value that happens to equal a token gets that care text, nothing else.
class CareTexts {
 public:
  std::string add(std::string_view markdown) {
    while (!markdown.empty() && (markdown.back() == '\n' || markdown.back() == '\r' ||
                                 markdown.back() == ' ' || markdown.back() == '\t')) {
      markdown.remove_suffix(1);
    }
    std::string token = fmt::format("\x1f{}care\x1f", m_texts.size());
    m_texts.emplace(token, std::string(markdown));
    return token;
  }
  const std::string* find(const std::string& value) const {
    const auto found = m_texts.find(value);
    return found == m_texts.end() ? nullptr : &found->second;
  }

 private:
  std::map<std::string, std::string> m_texts;
};

// An escape handler that gives a care text's token its Markdown and escapes the rest.
template <class Escape>
auto care_or(const CareTexts& care, Escape escape) {
  return [&care, escape](const std::string& text) {
    const std::string* raw = care.find(text);
    return raw ? *raw : escape(text);
  };
}

std::string as_is(const std::string& text) { return text; }

mustache::object product_data(const ProductInfo& product, CareTexts& care) {
  mustache::object out;
  put(out, "sku", product.sku);
  put(out, "name", product.name.empty() ? product.sku : product.name);
  put(out, "category", product.category);
  if (!product.care.empty()) out.emplace("care", care.add(product.care));
  put(out, "review_url", product.review_url);
  return out;
}

mustache::data items_data(const std::vector<ItemInfo>& items, Language language, CareTexts& care) {
  mustache::data list{mustache::data::type::list};
  const auto money = [&](const std::optional<core::Money>& amount) {
    return amount ? core::format_money(*amount, language) : std::string{};
  };
  for (const ItemInfo& item : items) {
    mustache::object line = product_data(item.product, care);
    line.emplace("quantity", std::to_string(item.quantity));
    put(line, "unit_price", money(item.unit_price));
    put(line, "line_total", money(item.line_total));
    list.push_back(line);
  }
  return list;
}

mustache::data variables(const MessageRequest& request, const UnsubscribeLinks& unsubscribe,
                         CareTexts& care) {
  const campaign::Shop& shop = *request.shop;
  const campaign::Campaign& campaign = *request.campaign;
  const Language language = campaign.language;
  mustache::object shop_data;
  put(shop_data, "name", shop.name);
  put(shop_data, "url", shop.url);
  put(shop_data, "address", shop.address);
  put(shop_data, "email", (campaign.from ? *campaign.from : shop.from).address);
  put(shop_data, "contact", contact_of(campaign, shop).address);
  mustache::object customer;
  put(customer, "name", request.customer.name.empty() ? shop.fallback_name : request.customer.name);
  put(customer, "email", request.customer.email);
  put(customer, "segment", request.customer.segment);
  if (const auto& favourite = request.customer.favourite) {
    mustache::object product = product_data(favourite->product, care);
    product.emplace("orders", std::to_string(favourite->orders));
    customer.emplace("favourite", product);
  }
  mustache::object data{{"shop", shop_data}, {"customer", customer}};
  if (request.order) {
    const OrderInfo& order = *request.order;
    const auto date = [&](std::optional<core::Instant> at) {
      return at ? format_long_date(*at, shop.timezone, language) : std::string{};
    };
    mustache::object order_data;
    put(order_data, "id", order.id);
    put(order_data, "total",
        order.total ? core::format_money(*order.total, language) : std::string{});
    put(order_data, "ordered_at", date(order.ordered_at));
    put(order_data, "shipped_at", date(order.shipped_at));
    put(order_data, "delivered_at", date(order.delivered_at));
    put(order_data, "tracking_number", order.tracking_number);
    put(order_data, "carrier", order.carrier);
    if (!order.items.empty()) order_data.emplace("items", items_data(order.items, language, care));
    data.emplace("order", order_data);
  }
  if (!request.coupon_code.empty())
    data.emplace("coupon", mustache::object{{"code", request.coupon_code}});
  put(data, "unsubscribe_url", unsubscribe.preferred());
  return data;
}

// "お客様様" never: when the fallback is used and already ends in 様, the 様 a template
// writes after {{customer.name}} is dropped.
std::string honorific_fixed(const std::string& text, const MessageRequest& request) {
  if (!request.customer.name.empty() || !request.shop->fallback_name.ends_with("様")) return text;
  static const std::regex k_name_sama(R"(\{\{\s*customer\.name\s*\}\}様)");
  return std::regex_replace(text, k_name_sama, "{{customer.name}}");
}

std::string expand(const std::string& text, const mustache::data& data,
                   const mustache::mustache::escape_handler& escape, const std::string& where) {
  mustache::mustache tmpl(text);
  if (!tmpl.is_valid()) {
    throw core::Error(core::ErrorKind::config, fmt::format("{}: {}", where, tmpl.error_message()));
  }
  tmpl.set_custom_escape(escape);
  return tmpl.render(data);
}

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

std::string part(std::string_view type, std::string_view content) {
  const bool qp = choose_encoding(content) == TransferEncoding::quoted_printable;
  return fmt::format("Content-Type: {}; charset=UTF-8\r\nContent-Transfer-Encoding: {}\r\n\r\n{}",
                     type, qp ? "quoted-printable" : "base64",
                     qp ? quoted_printable(content) : base64_lines(content));
}

std::string headers(const MessageRequest& request, const RenderedMessage& message,
                    const UnsubscribeLinks& unsubscribe, const std::string& boundary) {
  const campaign::Campaign& campaign = *request.campaign;
  const campaign::Shop& shop = *request.shop;
  const core::Mailbox& from = campaign.from ? *campaign.from : shop.from;
  const auto reply_to = campaign.reply_to ? campaign.reply_to : shop.reply_to;
  std::string out = "Date: " + rfc5322_date(request.date, shop.timezone) + "\r\n";
  out += address_header("From", from);
  out += address_header("To", {request.customer.name, request.customer.email});
  if (reply_to) out += address_header("Reply-To", *reply_to);
  out += unstructured_header("Subject", message.subject);
  out += "Message-ID: <" + message.message_id + ">\r\nMIME-Version: 1.0\r\n";
  if (campaign.kind == campaign::Kind::marketing && shop.unsubscribe.any()) {
    std::vector<std::string> links;
    if (!unsubscribe.https.empty()) links.push_back("<" + unsubscribe.https + ">");
    if (!unsubscribe.mailto.empty()) links.push_back("<" + unsubscribe.mailto + ">");
    out += "List-Unsubscribe: " + core::join(links, ",\r\n ") + "\r\n";
    // RFC 8058: one click is an https POST that must name the recipient; a link that is
    // the same for everybody cannot, and a mailto cannot be POSTed to.
    if (!unsubscribe.https.empty() && shop.unsubscribe.per_recipient) {
      out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
    }
  }
  out += "X-Tsuikyaku-Campaign: " + campaign.name + "\r\n";
  out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n";
  return out;
}

}  // namespace

RenderedMessage render_message(const MessageRequest& request) {
  const campaign::Campaign& campaign = *request.campaign;
  const campaign::Shop& shop = *request.shop;
  const UnsubscribeLinks unsubscribe = unsubscribe_links(shop, request.customer.email);
  CareTexts care;
  const mustache::data data = variables(request, unsubscribe, care);
  const bool marketing = campaign.kind == campaign::Kind::marketing;

  RenderedMessage message;
  message.recipient = request.customer.email;
  message.subject =
      std::string(core::trim(one_line(expand(honorific_fixed(campaign.subject, request), data,
                                             care_or(care, as_is), campaign.places.subject.file))));
  const std::string markdown = expand(honorific_fixed(campaign.body, request), data,
                                      care_or(care, markdown_escape), campaign.body_file);
  MarkdownOptions options;
  if (marketing) options = {campaign.name, {unsubscribe.preferred()}};
  MarkdownParts parts = render_markdown(markdown, options);

  std::string footer;
  if (marketing) {
    const Sender sender{shop.name, shop.address, contact_of(campaign, shop).address,
                        unsubscribe.preferred()};
    parts.text += footer_text(sender, campaign.language);
    footer = footer_html(sender, campaign.language);
  }
  message.text = std::move(parts.text);
  message.html = html_document(message.subject, parts.html, footer, campaign.language);
  const core::Mailbox& from = campaign.from ? *campaign.from : shop.from;
  const std::string id = message_id(request.message_token, from);
  message.message_id = id.substr(1, id.size() - 2);

  const std::string boundary = fmt::format("=_tsuikyaku_{:016x}", fnv1a(request.message_token));
  message.eml = headers(request, message, unsubscribe, boundary);
  message.eml += fmt::format(
      "\r\nThis is a multipart message in MIME "
      "format.\r\n\r\n--{}\r\n{}\r\n--{}\r\n{}\r\n--{}--\r\n",
      boundary, part("text/plain", message.text), boundary, part("text/html", message.html),
      boundary);
  return message;
}

RenderedNote render_note(const MessageRequest& request) {
  const campaign::Campaign& campaign = *request.campaign;
  CareTexts care;
  const mustache::data data = variables(request, UnsubscribeLinks{}, care);
  RenderedNote note;
  note.heading =
      std::string(core::trim(one_line(expand(honorific_fixed(campaign.subject, request), data,
                                             care_or(care, as_is), campaign.places.subject.file))));
  const std::string markdown = expand(honorific_fixed(campaign.body, request), data,
                                      care_or(care, markdown_escape), campaign.body_file);
  MarkdownParts parts = render_markdown(markdown, {});
  note.text = std::move(parts.text);
  note.html = std::move(parts.html);
  return note;
}

std::string make_message_token(core::Instant date, std::uint64_t unique) {
  const core::CivilFields f = core::civil(core::LocalTime{date.time_since_epoch()});
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}.{:016x}.tsuikyaku", f.year, f.month, f.day,
                     f.hour, f.minute, f.second, unique);
}

std::string format_long_date(core::Instant at, const core::TimeZone& zone, Language language) {
  const core::CivilFields f = core::civil(zone.to_local(at));
  if (language == Language::ja) return fmt::format("{}年{}月{}日", f.year, f.month, f.day);
  return fmt::format("{} {}, {}", english_month(f.month), f.day, f.year);
}

}  // namespace tsuikyaku::render
