#pragma once

// libcurl's global initialisation, once per process, for every transport and client of
// the mail module (curl_global_init is not thread-safe; a failure is an internal error).
// Private to src/mail.

namespace tsuikyaku::mail {

void init_curl_once();

}  // namespace tsuikyaku::mail
