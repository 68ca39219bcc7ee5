#include "html_parts.hpp"

// The HTML report's words in English and Japanese; the page takes the language of the
// user's locale, the data (shop name, segment and campaign names) is shown as stored.

namespace tsuikyaku::report::detail {
namespace {

constexpr Labels k_english{
    Language::en,
    "en",
    "Report",
    "as of",
    "Customers",
    "Orders",
    "Revenue",
    "Repeat rate",
    "Segments",
    "Segment",
    "Share",
    "Total",
    "Run #{} as of {}, {} scoring.",
    "No segment run stored yet: `tsuikyaku segments --save` (or a daily `tsuikyaku send`) stores "
    "one.",
    "Movement between segments",
    "Since {} (run #{} → #{}).",
    "No segment run stored yet, so nothing to compare.",
    "Only one segment run so far: run `tsuikyaku segments --save` again later to see who moved.",
    "No segment run stored at or before {}.",
    "from \\ to",
    "(new customer)",
    "(no counted order)",
    "Repeat purchases",
    "{} of {} customers ({}) ordered twice or more.",
    "First order in",
    "Buyers",
    "Again within {} days",
    "— : the window has not yet passed since the end of that month.",
    "Revenue by month",
    "First orders",
    "Repeat orders",
    "Cohort retention",
    "Share of each month's new customers who ordered again n months later.",
    "Cohort",
    "Average spend per customer by cohort (to date)",
    "Per customer",
    "Campaigns",
    "Orders by recipients within {} days after a message; no tracking pixels.",
    "Campaign",
    "Sent",
    "Recipients",
    "Ordered",
    "Coupons used",
    "{} of {} codes, {} orders, {}",
    "No message sent yet.",
    "No counted order yet.",
    "Made by tsuikyaku.",
};

constexpr Labels k_japanese{
    Language::ja,
    "ja",
    "レポート",
    "集計時点",
    "顧客数",
    "注文数",
    "売上",
    "リピート率",
    "セグメント",
    "セグメント",
    "構成比",
    "合計",
    "{1} 時点のセグメント計算（#{0}、{2}）。",
    "保存されたセグメント計算がまだありません。`tsuikyaku segments --save`（または毎日の "
    "`tsuikyaku send`）で保存できます。",
    "セグメント間の移動",
    "{} 以降（#{} → #{}）。",
    "保存されたセグメント計算がまだないため、比較できません。",
    "セグメント計算はまだ 1 回だけです。後日もう一度 `tsuikyaku segments --save` "
    "を実行すると移動がわかります。",
    "{} 以前に保存されたセグメント計算はありません。",
    "移動元 \\ 移動先",
    "（新規顧客）",
    "（有効な注文なし）",
    "リピート購入",
    "{1} 人中 {0} 人（{2}）が 2 回以上購入しています。",
    "初回購入月",
    "購入者",
    "{} 日以内の再購入",
    "— : その月の末日からまだその日数が経っていません。",
    "月別売上",
    "初回注文",
    "リピート注文",
    "コホート継続率",
    "各月の新規顧客のうち、n か月後に購入した人の割合。",
    "コホート",
    "コホート別の顧客あたり平均購入額（累計）",
    "顧客あたり",
    "キャンペーン",
    "メール送信後 {} 日以内の受信者の注文（開封トラッキングなし）。",
    "キャンペーン",
    "送信数",
    "受信者",
    "購入者",
    "クーポン利用",
    "{1} 件中 {0} 件、注文 {2} 件、{3}",
    "まだ送信したメールはありません。",
    "有効な注文はまだありません。",
    "tsuikyaku（追客）で作成。",
};

}  // namespace

const Labels& labels(Language language) {
  return language == Language::ja ? k_japanese : k_english;
}

}  // namespace tsuikyaku::report::detail
