#include "customer_cache.hpp"

#include <functional>
#include <limits>
#include <stdexcept>

namespace tsuikyaku::store {
namespace {

constexpr std::size_t k_first_slots = 1024;

std::uint32_t hash_of(std::string_view key) {
  const std::uint64_t h = std::hash<std::string_view>{}(key);
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

std::uint32_t tag_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot >> 32); }

std::uint32_t index_of(std::uint64_t slot) { return static_cast<std::uint32_t>(slot); }

}  // namespace

std::string_view CustomerCache::key_of(std::uint32_t index) const {
  const std::size_t start = m_key_starts[index];
  const std::size_t end = index + 1 < m_key_starts.size() ? m_key_starts[index + 1] : m_keys.size();
  return std::string_view(m_keys).substr(start, end - start);
}

CustomerCache::Entry* CustomerCache::find(std::string_view key) {
  if (m_slots.empty()) return nullptr;
  const std::uint32_t hash = hash_of(key);
  const std::size_t mask = m_slots.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    const std::uint64_t slot = m_slots[at];
    if (slot == 0) return nullptr;
    if (tag_of(slot) == hash && key_of(index_of(slot) - 1) == key) {
      return &m_entries[index_of(slot) - 1];
    }
  }
}

CustomerCache::Entry& CustomerCache::add(std::string_view key, const Entry& entry) {
  // At most 70% full, so a probe stays short.
  if ((m_entries.size() + 1) * 10 > m_slots.size() * 7) grow();
  constexpr std::size_t k_max = std::numeric_limits<std::uint32_t>::max();
  if (m_keys.size() + key.size() > k_max || m_entries.size() + 1 > k_max) {
    throw std::length_error("customer cache: more than 4 GiB of keys or 4 billion customers");
  }
  const std::uint32_t hash = hash_of(key);
  const std::size_t mask = m_slots.size() - 1;
  std::size_t at = hash & mask;
  while (m_slots[at] != 0) at = (at + 1) & mask;
  m_key_starts.push_back(static_cast<std::uint32_t>(m_keys.size()));
  m_keys.append(key);
  m_entries.push_back(entry);
  m_slots[at] = (std::uint64_t{hash} << 32) | m_entries.size();
  return m_entries.back();
}

void CustomerCache::grow() {
  std::vector<std::uint64_t> slots(m_slots.empty() ? k_first_slots : m_slots.size() * 2, 0);
  const std::size_t mask = slots.size() - 1;
  for (const std::uint64_t slot : m_slots) {
    if (slot == 0) continue;
    std::size_t at = tag_of(slot) & mask;
    while (slots[at] != 0) at = (at + 1) & mask;
    slots[at] = slot;
  }
  m_slots.swap(slots);
}

void CustomerCache::release() {
  std::vector<Entry>().swap(m_entries);
  std::string().swap(m_keys);
  std::vector<std::uint32_t>().swap(m_key_starts);
  std::vector<std::uint64_t>().swap(m_slots);
}

}  // namespace tsuikyaku::store
