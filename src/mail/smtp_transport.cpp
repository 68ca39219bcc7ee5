#include "tsuikyaku/mail/smtp_transport.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <exception>
#include <mutex>
#include <utility>

#include "curl_init.hpp"
#include "tsuikyaku/core/error.hpp"
#include "tsuikyaku/delivery/smtp_transfer.hpp"

namespace tsuikyaku::mail {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw core::Error(core::ErrorKind::internal, "cannot initialise libcurl");
    }
  });
}

namespace {

using delivery::FailureKind;
using delivery::Outcome;
using delivery::Status;
using delivery::TransferLog;
using delivery::TransferResult;

// The EHLO name is the path of an SMTP URL; without one curl says "localhost". The
// machine's name is what RFC 5321 §4.1.1.1 asks for.
std::string ehlo_name() {
  std::array<char, 256> name{};
  if (::gethostname(name.data(), name.size() - 1) != 0 || name[0] == '\0') return "localhost";
  const std::string text(name.data());
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
  });
  return plain ? text : "localhost";
}

// host:port, an IPv6 address in brackets.
std::string authority(const config::SmtpConfig& server) {
  const bool ipv6 = server.host.find(':') != std::string::npos;
  return fmt::format("{}{}{}:{}", ipv6 ? "[" : "", server.host, ipv6 ? "]" : "", server.port);
}

// An address is put into a command line by curl: nothing may end that line early.
bool is_safe_address(std::string_view address) {
  return !address.empty() && std::none_of(address.begin(), address.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == 0x7f;
  });
}

FailureKind failure_kind(CURLcode code) {
  switch (code) {
    case CURLE_OK:
      return FailureKind::none;
    case CURLE_LOGIN_DENIED:
      return FailureKind::login;
    case CURLE_USE_SSL_FAILED:
      return FailureKind::no_starttls;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_ISSUER_ERROR:
      return FailureKind::tls;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return FailureKind::connect;
    case CURLE_OPERATION_TIMEDOUT:
      return FailureKind::timeout;
    default:
      return FailureKind::other;
  }
}

class CurlList {
 public:
  explicit CurlList(const std::string& item) : m_list(curl_slist_append(nullptr, item.c_str())) {
    if (m_list == nullptr) throw std::bad_alloc();
  }
  ~CurlList() { curl_slist_free_all(m_list); }
  CurlList(const CurlList&) = delete;
  CurlList& operator=(const CurlList&) = delete;
  curl_slist* get() const { return m_list; }

 private:
  curl_slist* m_list;
};

class SmtpConnection final : public Connection {
 public:
  SmtpConnection(const SmtpSettings& settings, const std::string& url, std::string server);
  ~SmtpConnection() override { curl_easy_cleanup(m_curl); }
  SmtpConnection(const SmtpConnection&) = delete;
  SmtpConnection& operator=(const SmtpConnection&) = delete;

 private:
  Outcome transfer(const OutgoingMessage& message, const HandOver& hand_over) override;
  Outcome attempt(const OutgoingMessage& message, const HandOver& hand_over, bool& reused);
  void set(CURLoption option, long value);
  template <typename T>
  void set(CURLoption option, T* value);

  static std::size_t on_read(char* buffer, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* buffer, std::size_t size, std::size_t count, void* self);

  const SmtpSettings& m_settings;
  std::string m_server;  // host:port, for messages
  CURL* m_curl;
  std::array<char, CURL_ERROR_SIZE> m_error{};
  std::string_view m_data;  // the message being handed to curl
  std::size_t m_offset = 0;
  const HandOver* m_hand_over = nullptr;  // the delivery's, called before the last byte
  std::exception_ptr m_hand_over_error;   // what it threw, for after curl has returned
  TransferLog m_log;
};

SmtpConnection::SmtpConnection(const SmtpSettings& settings, const std::string& url,
                               std::string server)
    : m_settings(settings), m_server(std::move(server)), m_curl(curl_easy_init()) {
  if (m_curl == nullptr) throw core::Error(core::ErrorKind::internal, "cannot start libcurl");
  const config::SmtpConfig& smtp = settings.server;
  if (curl_easy_setopt(m_curl, CURLOPT_URL, url.c_str()) != CURLE_OK) {
    throw core::Error(core::ErrorKind::internal, fmt::format("libcurl refuses the URL {}", url));
  }
  set(CURLOPT_ERRORBUFFER, m_error.data());
  set(CURLOPT_NOSIGNAL, 1L);  // threads: no SIGALRM for timeouts
  set(CURLOPT_VERBOSE, 0L);   // its trace shows the AUTH exchange: never on
  set(CURLOPT_USE_SSL, smtp.tls == config::TlsMode::none ? static_cast<long>(CURLUSESSL_NONE)
                                                         : static_cast<long>(CURLUSESSL_ALL));
  set(CURLOPT_SSL_VERIFYPEER, 1L);
  set(CURLOPT_SSL_VERIFYHOST, 2L);
  // CAINFO adds this file to the system's CA folder (Debian's libcurl keeps CAPATH).
  if (!smtp.ca_file.empty()) set(CURLOPT_CAINFO, smtp.ca_file.c_str());
  if (!smtp.username.empty()) {
    set(CURLOPT_USERNAME, smtp.username.c_str());
    set(CURLOPT_PASSWORD, settings.password.c_str());
  }
  set(CURLOPT_CONNECTTIMEOUT, static_cast<long>(settings.connect_timeout.count()));
  set(CURLOPT_SERVER_RESPONSE_TIMEOUT, static_cast<long>(settings.server.reply_timeout.count()));
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  set(CURLOPT_MAXCONNECTS, 1L);  // a reconnect closes the old connection
  set(CURLOPT_UPLOAD, 1L);
  set(CURLOPT_READFUNCTION, &SmtpConnection::on_read);
  set(CURLOPT_READDATA, this);
  set(CURLOPT_HEADERFUNCTION, &SmtpConnection::on_header);
  set(CURLOPT_HEADERDATA, this);
}

void SmtpConnection::set(CURLoption option, long value) {
  if (curl_easy_setopt(m_curl, option, value) != CURLE_OK) {
    throw core::Error(core::ErrorKind::internal,
                      fmt::format("libcurl lacks option {}", static_cast<int>(option)));
  }
}

template <typename T>
void SmtpConnection::set(CURLoption option, T* value) {
  if (curl_easy_setopt(m_curl, option, value) != CURLE_OK) {
    throw core::Error(core::ErrorKind::internal,
                      fmt::format("libcurl lacks option {}", static_cast<int>(option)));
  }
}

std::size_t SmtpConnection::on_read(char* buffer, std::size_t size, std::size_t count, void* self) {
  auto& connection = *static_cast<SmtpConnection*>(self);
  const std::size_t n = std::min(size * count, connection.m_data.size() - connection.m_offset);
  // The last byte handed to curl is the end of the data: from here on a lost connection
  // may have delivered the message, so the caller hears of it first. curl knows the size
  // (CURLOPT_INFILESIZE_LARGE) and need not ask again for the 0 that would say so;
  // whether it does depends on how the data falls into its buffers.
  const bool last = connection.m_offset + n == connection.m_data.size();
  if (last && !connection.m_log.data_done) {
    try {
      (*connection.m_hand_over)();
    } catch (...) {  // nothing may be thrown through curl's C frames
      connection.m_hand_over_error = std::current_exception();
      return CURL_READFUNC_ABORT;
    }
  }
  std::copy_n(connection.m_data.data() + connection.m_offset, n, buffer);
  connection.m_offset += n;
  if (last) connection.m_log.data_done = true;
  return n;
}

std::size_t SmtpConnection::on_header(char* buffer, std::size_t size, std::size_t count,
                                      void* self) {
  auto& connection = *static_cast<SmtpConnection*>(self);
  connection.m_log.add_line(std::string_view(buffer, size * count));
  return size * count;
}

Outcome SmtpConnection::attempt(const OutgoingMessage& message, const HandOver& hand_over,
                                bool& reused) {
  m_data = message.data;
  m_offset = 0;
  m_hand_over = &hand_over;
  m_hand_over_error = nullptr;
  m_log = TransferLog{};
  m_error[0] = '\0';
  const CurlList recipients("<" + message.recipient + ">");
  const std::string sender = "<" + message.sender + ">";
  set(CURLOPT_MAIL_FROM, sender.c_str());
  set(CURLOPT_MAIL_RCPT, recipients.get());
  set(CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.data.size()));
  const CURLcode code = curl_easy_perform(m_curl);
  set(CURLOPT_MAIL_RCPT, static_cast<curl_slist*>(nullptr));  // the list dies here
  m_hand_over = nullptr;
  if (m_hand_over_error) std::rethrow_exception(std::exchange(m_hand_over_error, nullptr));
  long connects = 0;
  curl_easy_getinfo(m_curl, CURLINFO_NUM_CONNECTS, &connects);
  reused = connects == 0;
  TransferResult result;
  result.error = m_error[0] != '\0' ? std::string(m_error.data()) : curl_easy_strerror(code);
  result.reused = reused;
  result.kind = failure_kind(code);
  return delivery::judge(m_log, result, m_server, m_settings.password);
}

Outcome SmtpConnection::transfer(const OutgoingMessage& message, const HandOver& hand_over) {
  if (!is_safe_address(message.sender) || !is_safe_address(message.recipient)) {
    Outcome outcome;
    outcome.status = Status::failed;
    outcome.error = fmt::format("not a deliverable address: {}",
                                is_safe_address(message.sender) ? "recipient" : "sender");
    return outcome;
  }
  bool reused = false;
  Outcome outcome = attempt(message, hand_over, reused);
  if (delivery::worth_a_fresh_connection(outcome, reused)) {
    set(CURLOPT_FRESH_CONNECT, 1L);
    outcome = attempt(message, hand_over, reused);
    set(CURLOPT_FRESH_CONNECT, 0L);
  }
  return outcome;
}

}  // namespace

SmtpTransport::SmtpTransport(SmtpSettings settings)
    : m_settings(std::move(settings)),
      m_url(fmt::format("{}://{}/{}", m_settings.server.implicit_tls ? "smtps" : "smtp",
                        authority(m_settings.server), ehlo_name())) {
  init_curl_once();
}

std::unique_ptr<Connection> SmtpTransport::open_connection() {
  return std::make_unique<SmtpConnection>(m_settings, m_url, authority(m_settings.server));
}

}  // namespace tsuikyaku::mail
