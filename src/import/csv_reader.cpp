#include "tsuikyaku/import/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "tsuikyaku/core/error.hpp"

namespace tsuikyaku::ingest {
namespace {

constexpr std::size_t k_chunk = 256 * 1024;
constexpr std::string_view k_bom = "\xEF\xBB\xBF";

bool is_end(char c) { return c == '\n' || c == '\r'; }

}  // namespace

std::size_t StringSource::read(char* buffer, std::size_t size) {
  const std::size_t n = std::min(size, m_bytes.size());
  std::memcpy(buffer, m_bytes.data(), n);
  m_bytes.remove_prefix(n);
  return n;
}

CsvReader::CsvReader(ByteSource& source, std::string name)
    : m_source(source), m_name(std::move(name)) {
  m_buffer.resize(k_chunk);
}

void CsvReader::compact() {
  if (m_pos == 0) return;
  std::memmove(m_buffer.data(), m_buffer.data() + m_pos, m_size - m_pos);
  m_consumed += m_pos;
  m_size -= m_pos;
  m_pos = 0;
}

bool CsvReader::fill() {
  if (m_eof) return false;
  compact();
  if (m_size == m_buffer.size()) m_buffer.resize(m_buffer.size() * 2);
  const std::size_t n = m_source.read(m_buffer.data() + m_size, m_buffer.size() - m_size);
  if (n == 0) {
    m_eof = true;
    return false;
  }
  m_size += n;
  return true;
}

std::string_view CsvReader::peek(std::size_t n) {
  while (m_size - m_pos < n && fill()) {
  }
  return {m_buffer.data() + m_pos, std::min(n, m_size - m_pos)};
}

void CsvReader::check_bom() {
  if (m_bom_checked) return;
  m_bom_checked = true;
  if (peek(k_bom.size()) == k_bom) {
    m_pos += k_bom.size();
    m_had_bom = true;
  }
}

// Reads one record's fields into m_unquoted and m_ends, from m_pos up to its line end
// or the end of the input, filling the buffer as needed.
CsvReader::Scan CsvReader::scan() {
  const std::int64_t first_line = m_line;
  m_unquoted.clear();
  m_ends.clear();
  State state = State::field_start;
  std::size_t i = m_pos;
  bool ended = false;  // by a line end (else by the end of the input)
  while (!ended) {
    if (i == m_size) {
      if (m_size - m_pos > k_max_record_bytes) {
        throw core::Error(core::ErrorKind::data,
                          fmt::format("{}:{}: a record longer than 1 MiB; is a quote not "
                                      "closed?",
                                      m_name, first_line));
      }
      const std::size_t before = m_pos;
      const bool more = fill();
      i -= before - m_pos;  // fill() may have moved the record to the front
      if (!more) break;
      continue;
    }
    const char c = m_buffer[i];
    switch (state) {
      case State::field_start:
        if (c == '"') {
          state = State::quoted;
          ++i;
          break;
        }
        state = State::unquoted;
        [[fallthrough]];
      case State::unquoted: {
        std::size_t j = i;
        while (j < m_size && m_buffer[j] != ',' && !is_end(m_buffer[j])) ++j;
        m_unquoted.append(m_buffer, i, j - i);
        i = j;
        if (i == m_size) break;
        if (m_buffer[i] == ',') {
          m_ends.push_back(m_unquoted.size());
          state = State::field_start;
          ++i;
        } else {
          ended = true;
        }
        break;
      }
      case State::quoted: {
        std::size_t j = i;
        while (j < m_size && m_buffer[j] != '"' && !is_end(m_buffer[j])) ++j;
        m_unquoted.append(m_buffer, i, j - i);
        i = j;
        if (i == m_size) break;
        const char d = m_buffer[i];
        if (d == '"') {
          state = State::after_quote;
        } else {
          // CRLF, LF and a lone CR each end one physical line.
          if (d == '\r' || i == m_pos || m_buffer[i - 1] != '\r') ++m_line;
          m_unquoted.push_back(d);
        }
        ++i;
        break;
      }
      case State::after_quote:
        if (c == '"') {  // "" inside a quoted field is one quote
          m_unquoted.push_back('"');
          state = State::quoted;
          ++i;
        } else {
          state = State::unquoted;  // text after the closing quote is kept, as most readers do
        }
        break;
    }
  }
  return {i, ended, state == State::quoted && !ended};
}

bool CsvReader::next(CsvRecord& record) {
  check_bom();
  for (;;) {
    if (m_skip_lf) {
      if (m_pos == m_size) fill();
      if (m_pos < m_size && m_buffer[m_pos] == '\n') ++m_pos;
      m_skip_lf = false;
    }
    const std::int64_t first_line = m_line;
    const auto [end, ended, unclosed] = scan();
    const bool blank = end == m_pos && m_ends.empty();
    if (blank && !ended) return false;  // end of input
    record.line = first_line;
    record.raw = std::string_view(m_buffer.data() + m_pos, end - m_pos);
    record.issue = unclosed ? RecordIssue::unclosed_quote : RecordIssue::none;
    record.terminator = ended ? m_buffer[end] : '\0';
    m_pos = end;
    if (ended) {
      ++m_line;
      m_skip_lf = m_buffer[end] == '\r';
      ++m_pos;
    }
    if (blank) continue;
    m_ends.push_back(m_unquoted.size());
    record.fields.clear();
    std::size_t begin = 0;
    for (const std::size_t field_end : m_ends) {
      record.fields.emplace_back(m_unquoted.data() + begin, field_end - begin);
      begin = field_end;
    }
    return true;
  }
}

}  // namespace tsuikyaku::ingest
