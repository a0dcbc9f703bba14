// StropheConnection: one libstrophe context and connection, its callbacks turned into
// ConnectionEvents.
#include "xmpp/strophe/strophe_connection.hpp"

#include <strophe.h>

#include "xmpp/strophe/strophe_element.hpp"

namespace talk::xmpp::strophe {

struct StropheConnection::State {
  xmpp_ctx_t* ctx = nullptr;
  xmpp_conn_t* conn = nullptr;
  ConnectionEvents* events = nullptr;
  bool open = false;       // between connect() and the disconnect event
  bool logged_in = false;  // between the connect event and the disconnect event
  int socket = -1;         // the descriptor libstrophe created in xmpp_connect_client
};

namespace {

// Where the socket-option callback puts the descriptor of the socket libstrophe just created;
// set only for the duration of one xmpp_connect_client call on this thread, which is where
// libstrophe 0.12 creates (and runs the callback on) a client connection's socket.
thread_local int* new_socket = nullptr;

int note_socket(xmpp_conn_t* /*conn*/, void* sock) {
  if (new_socket != nullptr) *new_socket = *static_cast<const int*>(sock);
  return 0;
}

std::string describe_failure(int error, const xmpp_stream_error_t* stream_error) {
  if (stream_error != nullptr) {
    if (stream_error->type == XMPP_SE_NOT_AUTHORIZED) return "the server refused the login";
    if (stream_error->text != nullptr) return std::string("stream error: ") + stream_error->text;
    return "the server closed the stream";
  }
  if (error != 0) return std::string("connection error ") + std::to_string(error);
  return "the login or TLS setup failed";
}

int on_stanza(xmpp_conn_t* /*conn*/, xmpp_stanza_t* stanza, void* userdata) {
  auto* state = static_cast<StropheConnection::State*>(userdata);
  const char* name = xmpp_stanza_get_name(stanza);
  if (name == nullptr || state->events == nullptr) return 1;
  const std::string_view n(name);
  if (n == "message" || n == "presence" || n == "iq") state->events->received(to_element(stanza));
  return 1;
}

void on_connection(xmpp_conn_t* conn, xmpp_conn_event_t event, int error,
                   xmpp_stream_error_t* stream_error, void* userdata) {
  auto* state = static_cast<StropheConnection::State*>(userdata);
  if (state->events == nullptr) return;  // the connection is being destroyed
  if (event == XMPP_CONN_CONNECT) {
    xmpp_handler_add(conn, on_stanza, nullptr, nullptr, nullptr, state);
    state->logged_in = true;
    const char* bound = xmpp_conn_get_bound_jid(conn);
    state->events->connected(bound != nullptr ? bound : "");
    return;
  }
  if (event == XMPP_CONN_RAW_CONNECT) return;
  const bool was_asked = !state->open;
  state->open = false;
  state->logged_in = false;
  state->socket = -1;
  state->events->disconnected(was_asked && error == 0 && stream_error == nullptr
                                  ? std::string()
                                  : describe_failure(error, stream_error));
}

unsigned long flags_for(TlsMode mode) {
  switch (mode) {
    case TlsMode::StartTls:
      return XMPP_CONN_FLAG_MANDATORY_TLS;
    case TlsMode::Direct:
      return XMPP_CONN_FLAG_LEGACY_SSL;
    case TlsMode::Unverified:
      return XMPP_CONN_FLAG_MANDATORY_TLS | XMPP_CONN_FLAG_TRUST_TLS;
    case TlsMode::Plaintext:
      return XMPP_CONN_FLAG_DISABLE_TLS;
  }
  return XMPP_CONN_FLAG_MANDATORY_TLS;
}

}  // namespace

StropheConnection::StropheConnection() : state_(std::make_unique<State>()) {
  xmpp_initialize();
  state_->ctx = xmpp_ctx_new(nullptr, nullptr);
  state_->conn = xmpp_conn_new(state_->ctx);
}

StropheConnection::~StropheConnection() {
  // Releasing an open connection reports its end; whoever listened may be gone already.
  state_->events = nullptr;
  if (state_->conn != nullptr) (void)xmpp_conn_release(state_->conn);
  if (state_->ctx != nullptr) xmpp_ctx_free(state_->ctx);
  xmpp_shutdown();
}

bool StropheConnection::connect(const Account& account, const std::string& password,
                                const std::string& resource, ConnectionEvents& events,
                                std::string& error) {
  state_->events = &events;
  const std::string jid = account.jid.bare() + "/" + resource;
  xmpp_conn_set_jid(state_->conn, jid.c_str());
  xmpp_conn_set_pass(state_->conn, password.c_str());
  if (xmpp_conn_set_flags(state_->conn, static_cast<long>(flags_for(account.tls) |
                                                          XMPP_CONN_FLAG_DISABLE_SM)) != 0) {
    error = "cannot set the connection's TLS mode";
    return false;
  }
  const char* server = account.server.empty() ? nullptr : account.server.c_str();
  xmpp_conn_set_sockopt_callback(state_->conn, note_socket);
  int socket = -1;
  new_socket = &socket;
  const int rc = xmpp_connect_client(state_->conn, server, account.port.value_or(0), on_connection,
                                     state_.get());
  new_socket = nullptr;
  if (rc != XMPP_EOK) {
    error = "cannot connect to " + (account.server.empty() ? account.jid.domain : account.server);
    return false;
  }
  state_->open = true;
  state_->socket = socket;
  return true;
}

void StropheConnection::send(const Element& stanza) {
  xmpp_stanza_t* s = to_stanza(state_->ctx, stanza);
  xmpp_send(state_->conn, s);
  (void)xmpp_stanza_release(s);
}

void StropheConnection::disconnect() {
  if (!state_->open) return;
  state_->open = false;
  state_->logged_in = false;  // the goodbye is pumped out by the caller
  xmpp_disconnect(state_->conn);
}

void StropheConnection::pump() {
  // Several rounds: each reads at most one 4 KB buffer, and TLS may hold more than the socket
  // shows (a round with nothing to do is one select()).
  for (int round = 0; round < 16; ++round) xmpp_run_once(state_->ctx, 0);
}

std::chrono::milliseconds StropheConnection::max_wait() const {
  return descriptor() >= 0 ? kIdlePumpInterval : kPumpInterval;
}

int StropheConnection::descriptor() const {
  return state_->logged_in ? state_->socket : -1;
}

bool StropheConnection::wants_write() const {
  return descriptor() >= 0 && xmpp_conn_send_queue_len(state_->conn) > 0;
}

std::optional<Element> parse_stanza_xml(std::string_view xml) {
  xmpp_initialize();
  xmpp_ctx_t* ctx = xmpp_ctx_new(nullptr, nullptr);
  const std::string text(xml);
  xmpp_stanza_t* stanza = xmpp_stanza_new_from_string(ctx, text.c_str());
  std::optional<Element> element;
  if (stanza != nullptr) {
    element = to_element(stanza);
    (void)xmpp_stanza_release(stanza);
  }
  xmpp_ctx_free(ctx);
  xmpp_shutdown();
  return element;
}

std::string stanza_xml(const Element& element) {
  xmpp_initialize();
  xmpp_ctx_t* ctx = xmpp_ctx_new(nullptr, nullptr);
  xmpp_stanza_t* stanza = to_stanza(ctx, element);
  char* buffer = nullptr;
  std::size_t length = 0;
  std::string text;
  if (xmpp_stanza_to_text(stanza, &buffer, &length) == XMPP_EOK && buffer != nullptr) {
    text.assign(buffer, length);
    xmpp_free(ctx, buffer);
  }
  (void)xmpp_stanza_release(stanza);
  xmpp_ctx_free(ctx);
  xmpp_shutdown();
  return text;
}

}  // namespace talk::xmpp::strophe
