#include "tsuikyaku/mail/imap_client.hpp"

#include <curl/curl.h>
#include <fmt/format.h>

#include <array>
#include <charconv>

#include "curl_init.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/core/strings.hpp"

namespace tsuikyaku::mail {
namespace {

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

// The number after word in text ("UIDVALIDITY 1796295848"), or 0.
std::int64_t number_after(std::string_view text, std::string_view word) {
  const std::size_t at = text.find(word);
  if (at == std::string_view::npos) return 0;
  std::size_t from = at + word.size();
  while (from < text.size() && text[from] == ' ') ++from;
  std::int64_t value = 0;
  std::from_chars(text.data() + from, text.data() + text.size(), value);
  return value;
}

std::string imap_quoted(std::string_view folder) { return fmt::format("\"{}\"", folder); }

// A folder name in a URL path: percent-encoded but for the unreserved characters.
std::string url_path(std::string_view folder) {
  std::string out;
  for (const char c : folder) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    out += plain ? std::string(1, c) : fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

}  // namespace

struct ImapClient::Curl {
  CURL* handle = curl_easy_init();
  std::array<char, CURL_ERROR_SIZE> error{};
  ~Curl() { curl_easy_cleanup(handle); }
};

ImapClient::ImapClient(const config::InboxConfig& inbox, std::string password)
    : m_inbox(inbox), m_password(std::move(password)), m_curl(std::make_unique<Curl>()) {
  init_curl_once();
  if (m_curl->handle == nullptr)
    throw core::Error(core::ErrorKind::internal, "cannot start libcurl");
  const bool ipv6 = inbox.host.find(':') != std::string::npos;
  m_base = fmt::format("{}://{}{}{}:{}/", inbox.implicit_tls ? "imaps" : "imap", ipv6 ? "[" : "",
                       inbox.host, ipv6 ? "]" : "", inbox.port);
  m_folder = m_base + url_path(inbox.folder);
  CURL* curl = m_curl->handle;
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, m_curl->error.data());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_VERBOSE, 0L);  // its trace shows the login: never on
  curl_easy_setopt(curl, CURLOPT_USE_SSL,
                   inbox.tls == config::TlsMode::none ? static_cast<long>(CURLUSESSL_NONE)
                                                      : static_cast<long>(CURLUSESSL_ALL));
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!inbox.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, inbox.ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, inbox.username.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, m_password.c_str());
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, 60L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &on_write);
}

ImapClient::~ImapClient() = default;

std::string ImapClient::run(const std::string& url, const std::string& command) {
  CURL* curl = m_curl->handle;
  std::string body;
  m_curl->error[0] = '\0';
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, command.empty() ? nullptr : command.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  const CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) return body;
  std::string why = m_curl->error[0] != '\0' ? m_curl->error.data() : curl_easy_strerror(code);
  // libcurl's messages never hold the password; a server's reply might echo it.
  core::redact(why, m_password);
  const std::string where = fmt::format("{}:{}", m_inbox.host, m_inbox.port);
  switch (code) {
    case CURLE_LOGIN_DENIED:
      throw core::Error(core::ErrorKind::config,
                        fmt::format("inbox: {} refused the login of {}; check inbox.username and "
                                    "the password",
                                    where, m_inbox.username));
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_USE_SSL_FAILED:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
      throw core::Error(core::ErrorKind::unavailable,
                        fmt::format("inbox: cannot reach {}: {}", where, why));
    default:
      throw core::Error(core::ErrorKind::unavailable,
                        fmt::format("inbox: {} answered {} with an error: {}", where,
                                    command.empty() ? "a fetch" : command, why));
  }
}

FolderStatus ImapClient::status() {
  const std::string reply =
      run(m_base, fmt::format("STATUS {} (UIDVALIDITY UIDNEXT)", imap_quoted(m_inbox.folder)));
  FolderStatus out{number_after(reply, "UIDVALIDITY"), number_after(reply, "UIDNEXT")};
  if (out.uidvalidity == 0) {
    throw core::Error(core::ErrorKind::unavailable,
                      fmt::format("inbox: the server gave no UIDVALIDITY for {}", m_inbox.folder));
  }
  return out;
}

std::vector<std::int64_t> ImapClient::uids_after(std::int64_t after) {
  const std::string reply = run(m_folder, fmt::format("UID SEARCH UID {}:*", after + 1));
  std::vector<std::int64_t> uids;
  const std::size_t at = reply.find("* SEARCH");
  if (at == std::string::npos) return uids;
  std::string_view rest(reply);
  rest = rest.substr(at + 8, rest.find('\n', at) - at - 8);
  while (!rest.empty()) {
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\r')) rest.remove_prefix(1);
    std::int64_t uid = 0;
    const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), uid);
    if (ec != std::errc{}) break;
    rest.remove_prefix(static_cast<std::size_t>(end - rest.data()));
    // "n:*" always holds the newest message, even when its UID is n or lower.
    if (uid > after) uids.push_back(uid);
  }
  return uids;
}

std::string ImapClient::fetch(std::int64_t uid) {
  return run(fmt::format("{}/;UID={}", m_folder, uid), "");
}

void ImapClient::file_away(std::int64_t uid) {
  if (m_inbox.processed_folder.empty()) {
    run(m_folder, fmt::format("UID STORE {} +FLAGS.SILENT (\\Seen)", uid));
    return;
  }
  if (!m_created) {
    try {
      run(m_base, fmt::format("CREATE {}", imap_quoted(m_inbox.processed_folder)));
    } catch (const core::Error&) {  // it exists already (or the MOVE below says why not)
    }
    m_created = true;
  }
  run(m_folder, fmt::format("UID MOVE {} {}", uid, imap_quoted(m_inbox.processed_folder)));
}

void ImapClient::mark_unseen(std::int64_t uid) {
  run(m_folder, fmt::format("UID STORE {} -FLAGS.SILENT (\\Seen)", uid));
}

}  // namespace tsuikyaku::mail
