#include "tsuikyaku/import/csv_reader.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "tsuikyaku/core/error.hpp"

using namespace tsuikyaku;
using ingest::CsvReader;
using ingest::CsvRecord;
using ingest::StringSource;

namespace {

// Hands out the bytes a few at a time, so records cross every buffer boundary.
class TrickleSource final : public ingest::ByteSource {
 public:
  TrickleSource(std::string_view bytes, std::size_t step) : m_bytes(bytes), m_step(step) {}
  std::size_t read(char* buffer, std::size_t size) override {
    StringSource part(m_bytes.substr(0, std::min({size, m_step, m_bytes.size()})));
    const std::size_t n = part.read(buffer, size);
    m_bytes.remove_prefix(n);
    return n;
  }

 private:
  std::string_view m_bytes;
  std::size_t m_step;
};

struct Row {
  std::int64_t line;
  std::vector<std::string> fields;
  std::string raw;
  bool operator==(const Row&) const = default;
};

std::vector<Row> read_all(ingest::ByteSource& source) {
  CsvReader reader(source, "t.csv");
  std::vector<Row> rows;
  CsvRecord record;
  while (reader.next(record)) {
    rows.push_back(
        {record.line, {record.fields.begin(), record.fields.end()}, std::string(record.raw)});
  }
  return rows;
}

std::vector<Row> read_all(std::string_view text) {
  StringSource source(text);
  return read_all(source);
}

}  // namespace

TEST_CASE("import: the CSV reader unquotes fields and keeps each record's raw bytes", "[import]") {
  const auto rows = read_all("a,b,c\n1,\"x, \"\"y\"\"\",\n");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].fields == std::vector<std::string>{"1", "x, \"y\"", ""});
  CHECK(rows[1].raw == "1,\"x, \"\"y\"\"\",");
  CHECK(rows[1].line == 2);
}

TEST_CASE("import: the CSV reader counts physical lines across quoted line breaks", "[import]") {
  const auto rows = read_all("h\r\n\"a\r\nb\"\r\n\"c\nd\ne\"\nlast\rafter-cr\n\nafter-blank");
  REQUIRE(rows.size() == 6);
  CHECK(rows[1].fields[0] == "a\r\nb");
  CHECK(rows[1].line == 2);
  CHECK(rows[2].fields[0] == "c\nd\ne");
  CHECK(rows[2].line == 4);
  CHECK(rows[3].line == 7);
  CHECK(rows[4].fields[0] == "after-cr");
  CHECK(rows[4].line == 8);
  CHECK(rows[5].line == 10);  // the blank line 9 is skipped
}

TEST_CASE("import: the CSV reader drops a UTF-8 byte order mark", "[import]") {
  StringSource source("\xEF\xBB\xBForder_id,total\n1,2\n");
  CsvReader reader(source, "t.csv");
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK(record.fields[0] == "order_id");
  CHECK(reader.had_bom());
}

TEST_CASE("import: the CSV reader gives the same records however the input is cut", "[import]") {
  std::string text = "id,name,note\n";
  for (int i = 0; i < 300; ++i) {
    text += std::to_string(i) + ",\"名前 " + std::to_string(i) + "\",\"multi\r\nline \"\"" +
            std::to_string(i) + "\"\"\"\r\n";
  }
  text += "end,\"unclosed";
  const auto whole = read_all(text);
  for (const std::size_t step :
       {std::size_t{1}, std::size_t{2}, std::size_t{7}, std::size_t{4096}}) {
    TrickleSource source(text, step);
    CHECK(read_all(source) == whole);
  }
  REQUIRE(whole.size() == 302);
  CHECK(whole.back().fields == std::vector<std::string>{"end", "unclosed"});
  CHECK(whole.back().line == 602);
}

TEST_CASE("import: the CSV reader marks a quote left open at the end of the file", "[import]") {
  StringSource source("a\n\"open\nstill open");
  CsvReader reader(source, "t.csv");
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK(record.issue == ingest::RecordIssue::none);
  REQUIRE(reader.next(record));
  CHECK(record.issue == ingest::RecordIssue::unclosed_quote);
  CHECK(record.raw == "\"open\nstill open");
  CHECK_FALSE(reader.next(record));
}

TEST_CASE("import: the CSV reader refuses a record longer than 1 MiB", "[import]") {
  const std::string text = "a\n\"" + std::string(ingest::k_max_record_bytes + 10, 'x');
  StringSource source(text);
  CsvReader reader(source, "big.csv");
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK_THROWS_WITH(reader.next(record),
                    "big.csv:2: a record longer than 1 MiB; is a quote not closed?");
}

TEST_CASE("import: the CSV reader tells how a record ended", "[import]") {
  StringSource source("a\r\nb\nc");
  CsvReader reader(source, "t.csv");
  CsvRecord record;
  REQUIRE(reader.next(record));
  CHECK(record.terminator == '\r');
  REQUIRE(reader.next(record));
  CHECK(record.terminator == '\n');
  REQUIRE(reader.next(record));
  CHECK(record.terminator == '\0');
}
