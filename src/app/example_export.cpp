#include "example_export.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>

namespace tsuikyaku::app {
namespace {

struct Person {
  const char* email;
  const char* name_ja;
  const char* name_en;
  int home;  // index into k_homes
  bool accepts_marketing;
};

constexpr std::array<Person, 20> k_people{{
    {"hanako@example.jp", "山田 花子", "Hanako Yamada", 0, true},
    {"taro.sato@example.jp", "佐藤 太郎", "Taro Sato", 1, true},
    {"hina.suzuki@example.com", "鈴木 陽菜", "Hina Suzuki", 2, true},
    {"ren.takahashi@example.jp", "高橋 蓮", "Ren Takahashi", 3, false},
    {"yui.tanaka@example.com", "田中 結衣", "Yui Tanaka", 0, true},
    {"yuma.ito@example.jp", "伊藤 悠真", "Yuma Ito", 1, true},
    {"misaki.watanabe@example.com", "渡辺 美咲", "Misaki Watanabe", 2, true},
    {"hiroto.yamamoto@example.jp", "山本 大翔", "Hiroto Yamamoto", 3, true},
    {"sakura.nakamura@example.jp", "中村 さくら", "Sakura Nakamura", 0, true},
    {"shota.kobayashi@example.com", "小林 翔太", "Shota Kobayashi", 1, false},
    {"aoi.kato@example.jp", "加藤 葵", "Aoi Kato", 2, true},
    {"minato.yoshida@example.jp", "吉田 湊", "Minato Yoshida", 3, true},
    {"rin.takahashi@example.com", "髙橋 凛", "Rin Takahashi", 0, true},
    {"riku.sakiyama@example.jp", "﨑山 陸", "Riku Sakiyama", 1, true},
    {"kaede.matsumoto@example.jp", "松本 楓", "Kaede Matsumoto", 2, false},
    {"hayate.inoue@example.com", "井上 颯", "Hayate Inoue", 3, true},
    {"yuna.kimura@example.jp", "木村 結菜", "Yuna Kimura", 0, true},
    {"itsuki.hayashi@example.jp", "林 樹", "Itsuki Hayashi", 1, true},
    {"mei.saito@example.com", "斎藤 芽依", "Mei Saito", 2, true},
    {"kenichi.shimizu@example.jp", "清水 健一", "Kenichi Shimizu", 3, true},
}};

struct Home {
  const char* postal_ja;
  const char* region_ja;
  const char* city_ja;
  const char* address_ja;
  const char* postal_en;
  const char* city_en;
  const char* address_en;
};

constexpr std::array<Home, 4> k_homes{{
    {"150-0001", "東京都", "渋谷区", "神宮前1-2-3", "N1 9GU", "London", "12 Acacia Avenue"},
    {"530-0001", "大阪府", "大阪市北区", "梅田2-4-9", "M1 1AE", "Manchester", "4 Canal Street"},
    {"606-8501", "京都府", "京都市左京区", "吉田本町36-1", "EH1 1YZ", "Edinburgh", "9 Royal Mile"},
    {"980-0811", "宮城県", "仙台市青葉区", "一番町3-1-1", "BS1 4DJ", "Bristol", "21 Park Row"},
}};

// One order: who, how long ago (hours before now), the total in yen (pence in English),
// and after how many hours it was shipped and delivered (0: not yet).
struct Order {
  int person;
  int hours_ago;
  int total;
  int shipped_after;
  int delivered_after;
  bool cancelled = false;
};

constexpr int k_day = 24;

constexpr std::array<Order, 38> k_orders{{
    // Loyal: Hanako orders every month or two, the last one three days ago.
    {0, 300 * k_day, 4860, 30, 60},
    {0, 220 * k_day, 3240, 30, 60},
    {0, 150 * k_day, 6480, 30, 60},
    {0, 80 * k_day, 3240, 30, 60},
    {0, 3 * k_day, 5400, 20, 44},
    {4, 260 * k_day, 3240, 30, 60},
    {4, 130 * k_day, 4860, 30, 60},
    {4, 40 * k_day, 6480, 30, 60},
    {8, 200 * k_day, 7560, 30, 60},
    {8, 100 * k_day, 3240, 30, 60},
    {8, 20 * k_day, 5400, 30, 60},
    // Repeat: a second order, one of them just delivered.
    {1, 95 * k_day, 2160, 30, 60},
    {1, 13 * k_day, 3240, 20, 68},
    {5, 70 * k_day, 2700, 30, 60},
    {5, 30 * k_day, 3240, 30, 60},
    {12, 60 * k_day, 1620, 30, 60},
    {12, 45 * k_day, 2160, 30, 60},
    // New: ordered two hours ago (the thank-you), shipped this morning (the shipping
    // notice), delivered ten days ago (the check-in), three weeks ago (the review request).
    {2, 2, 3240, 0, 0},
    {3, 28, 2160, 22, 0},
    {6, 12 * k_day, 4320, 20, 44},
    {7, 11 * k_day + 6, 2700, 20, 44},
    {10, 24 * k_day, 3240, 20, 44},
    {11, 23 * k_day, 1620, 20, 44},
    {13, 50 * k_day, 2160, 30, 60},
    {15, 35 * k_day, 3780, 30, 60},
    // Dormant: not back for months.
    {9, 400 * k_day, 3240, 30, 60},
    {14, 330 * k_day, 2160, 30, 60},
    {14, 280 * k_day, 2700, 30, 60},
    {16, 240 * k_day, 4320, 30, 60},
    {17, 210 * k_day, 1620, 30, 60},
    {18, 180 * k_day, 3240, 30, 60},
    {18, 150 * k_day, 2160, 30, 60},
    {19, 120 * k_day, 5400, 30, 60},
    {19, 110 * k_day, 3240, 30, 60},
    {9, 365 * k_day, 2700, 30, 60},
    {16, 200 * k_day, 3240, 30, 60},
    // Cancelled orders count for nothing.
    {17, 100 * k_day, 2160, 0, 0, true},
    {3, 6 * k_day, 3240, 0, 0, true},
}};

// A CSV field: quoted when it holds a comma or a quote (the names and addresses here
// never do; the rule is kept anyway, for whoever edits the tables).
std::string field(std::string_view text) {
  if (text.find_first_of(",\"") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    out += c;
    if (c == '"') out += '"';
  }
  return out + '"';
}

}  // namespace

std::string example_export(Language language, core::Instant now) {
  const bool ja = language == Language::ja;
  const core::TimeZone zone = *core::TimeZone::find(ja ? "Asia/Tokyo" : "Europe/London");
  // Whole minutes, so that the times read like an export's.
  const core::Instant base = std::chrono::floor<std::chrono::minutes>(now);
  const auto at = [&](int hours_ago) {
    return core::format_iso(base - std::chrono::hours{hours_ago}, zone);
  };
  std::string out =
      "order_id,email,name,ordered_at,total,status,shipped_at,delivered_at,tracking_number,"
      "carrier,accepts_marketing,postal_code,region,city,address,country\n";
  int number = 1000;
  for (const Order& order : k_orders) {
    const Person& person = k_people[static_cast<std::size_t>(order.person)];
    const Home& home = k_homes[static_cast<std::size_t>(person.home)];
    const std::string total = ja ? std::to_string(order.total)
                                 : fmt::format("{}.{:02}", order.total / 100, order.total % 100);
    const bool shipped = order.shipped_after > 0 && order.shipped_after < order.hours_ago;
    const bool delivered = order.delivered_after > 0 && order.delivered_after < order.hours_ago;
    ++number;
    out +=
        fmt::format("{}{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", ja ? "KT-" : "KE-",
                    number, person.email, field(ja ? person.name_ja : person.name_en),
                    at(order.hours_ago), total, order.cancelled ? "cancelled" : "paid",
                    shipped ? at(order.hours_ago - order.shipped_after) : "",
                    delivered ? at(order.hours_ago - order.delivered_after) : "",
                    shipped ? fmt::format("4{:011}", number) : "",
                    shipped ? (ja ? "ヤマト運輸" : "Royal Mail") : "",
                    person.accepts_marketing ? "yes" : "no", ja ? home.postal_ja : home.postal_en,
                    ja ? home.region_ja : "", field(ja ? home.city_ja : home.city_en),
                    field(ja ? home.address_ja : home.address_en), ja ? "JP" : "GB");
  }
  return out;
}

}  // namespace tsuikyaku::app
