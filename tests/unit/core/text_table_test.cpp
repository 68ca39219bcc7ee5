#include "tsuikyaku/core/text_table.hpp"

#include <catch2/catch.hpp>

using tsuikyaku::core::TextTable;
using Align = TextTable::Align;

TEST_CASE("text table: columns padded by display width, two spaces apart", "[core]") {
  TextTable table({Align::left, Align::right, Align::left});
  CHECK(table.empty());
  table.add_row({"segment", "customers", "note"});
  table.add_row({"佐藤", "3", ""});
  table.add_row({"loyal", "1,204", "x"});
  CHECK_FALSE(table.empty());
  CHECK(table.render() ==
        "segment  customers  note\n"
        "佐藤             3\n"
        "loyal        1,204  x\n");
}

TEST_CASE("text table: indented, short rows end early, extra cells are not shown", "[core]") {
  TextTable table({Align::right, Align::left});
  table.add_row({"1", "a", "hidden"});
  table.add_row({"100"});
  CHECK(table.render(2) ==
        "    1  a\n"
        "  100\n");
}
