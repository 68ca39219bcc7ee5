#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tsuikyaku/core/time.hpp"
#include "tsuikyaku/segment/segmentation.hpp"
#include "tsuikyaku/store/database.hpp"

// What segmentation reads from and keeps in the database (SPEC §5): each customer's
// qualifying orders, the customer fields a listing shows, and computed runs, so that
// campaigns can target a customer's segment and the report can show who moved.

namespace tsuikyaku::store {

// A customer's contact fields, viewed in the ContactBook that holds them; empty when
// unknown.
struct ContactView {
  std::string_view email;
  std::string_view name;
  std::string_view postal_code;
  std::string_view address;
  std::string_view address2;
  std::string_view city;
  std::string_view region;
  std::string_view country;
  std::string_view phone;
};

// The contact fields of many customers with all their text in one buffer: listing a few
// hundred thousand customers allocates a few times, not five strings a customer. Views
// stay valid while the book lives and is not added to; moving the book keeps them valid.
// Move-only: a copy would duplicate tens of megabytes, and nothing needs one.
class ContactBook {
 public:
  ContactBook() = default;
  ContactBook(ContactBook&&) noexcept = default;
  ContactBook& operator=(ContactBook&&) noexcept = default;
  ContactBook(const ContactBook&) = delete;
  ContactBook& operator=(const ContactBook&) = delete;

  std::size_t size() const { return m_entries.size(); }
  ContactView operator[](std::size_t index) const;

  void add(const ContactView& contact);
  // Keeps the entries at these positions, in this order.
  void select(std::span<const std::uint32_t> positions);

 private:
  static constexpr std::size_t k_fields = 9;
  struct Entry {
    std::size_t begin;                          // in m_text
    std::array<std::uint32_t, k_fields> sizes;  // the fields of ContactView, in its order
  };
  std::vector<char> m_text;
  std::vector<Entry> m_entries;
};

// Each customer's orders that count for RFM as of as_of: placed at or before it, and with
// a status other than cancelled (or canceled), refunded and voided, in any letter case.
// Customers without such an order are left out. Ordered by customer_key in byte order.
// With contacts, also each returned customer's contact fields, in the same order, read in
// the same pass over the customers.
std::vector<segment::Activity> load_activity(Database& db, core::Instant as_of,
                                             ContactBook* contacts = nullptr);

// A computed run as stored in segment_runs.
struct SegmentRun {
  std::int64_t id = 0;
  core::Instant as_of;
  core::Instant computed_at;
  segment::Scoring scoring = segment::Scoring::percentile;
  std::vector<std::string> rules;  // the segment names in rule order, without "other"
};

// Stores a run and each customer's segment in one transaction, first deleting every run
// whose as_of lies in [replace_from, replace_until). customers and segmentation are in
// the same order (as segment::segment_customers returns them). Returns the run's id.
std::int64_t save_segment_run(Database& db, const SegmentRun& run,
                              std::span<const segment::Activity> customers,
                              const segment::Segmentation& segmentation, core::Instant replace_from,
                              core::Instant replace_until);

// Every stored run, oldest as_of first.
std::vector<SegmentRun> list_segment_runs(Database& db);

// A stored run read back: names are its rules then "other"; one entry per customer,
// customer_ids ascending.
struct StoredSegmentation {
  SegmentRun run;
  std::vector<std::int64_t> customer_ids;
  segment::Segmentation segmentation;
};

// nullopt when there is no run with this id.
std::optional<StoredSegmentation> load_segment_run(Database& db, std::int64_t run_id);

// How many customers went from one segment to another between two runs; from is nullopt
// for customers only in the later run (their first qualifying order came in between),
// to is nullopt for customers only in the earlier one.
struct SegmentMove {
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::int64_t customers = 0;
};
std::vector<SegmentMove> segment_moves(Database& db, std::int64_t from_run, std::int64_t to_run);

}  // namespace tsuikyaku::store
