#pragma once

// Fields the JSON output of several commands shares (docs/json.md), so that each is
// written one way.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace tsuikyaku::cli {

// The JSON type of the command output: fields in the order docs/json.md lists them.
using json = nlohmann::ordered_json;

// A text field: null when unknown (empty).
inline json text_or_null(std::string_view text) {
  return text.empty() ? json(nullptr) : json(std::string(text));
}

// Appends the postal address and phone of a contact (store::ContactView or
// store::CustomerContact): postal_code, address, address2, city, region, country, phone.
template <typename Contact>
void add_postal_fields(json& object, const Contact& contact) {
  object["postal_code"] = text_or_null(contact.postal_code);
  object["address"] = text_or_null(contact.address);
  object["address2"] = text_or_null(contact.address2);
  object["city"] = text_or_null(contact.city);
  object["region"] = text_or_null(contact.region);
  object["country"] = text_or_null(contact.country);
  object["phone"] = text_or_null(contact.phone);
}

}  // namespace tsuikyaku::cli
