// Chat messages and their <rtt/> child: parsing with bounds, and building.
#include <charconv>
#include <limits>

#include "xmpp/stanzas.hpp"
#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

// A non-negative decimal number; values too large saturate (a position past any line).
template <typename T>
std::optional<T> parse_number(const std::string* text) {
  if (text == nullptr || text->empty() || text->size() > 20) return std::nullopt;
  std::uint64_t value = 0;
  const char* end = text->data() + text->size();
  const auto [ptr, ec] = std::from_chars(text->data(), end, value);
  if (ptr != end) return std::nullopt;
  if (ec == std::errc::result_out_of_range || value > std::numeric_limits<T>::max()) {
    return std::numeric_limits<T>::max();
  }
  if (ec != std::errc{}) return std::nullopt;
  return static_cast<T>(value);
}

std::string string_of(const std::string* text) {
  return text == nullptr ? std::string{} : *text;
}

// The defined condition inside <error/>: its first child element in the stanzas namespace.
std::string error_condition(const Element& stanza) {
  const Element* error = stanza.child("error");
  if (error == nullptr) return "undefined-condition";
  for (const Element& c : error->children) {
    if (c.name != "text") return std::string(utf8_prefix(c.name, 64));
  }
  return "undefined-condition";
}

}  // namespace

std::optional<RttEvent> parse_rtt(const Element& rtt) {
  if (rtt.name != "rtt") return std::nullopt;
  RttEvent event;
  const auto seq = parse_number<std::uint32_t>(rtt.attribute("seq"));
  if (!seq) return std::nullopt;
  event.seq = *seq;
  if (const std::string* name = rtt.attribute("event")) {
    const auto type = rtt_event_from_name(*name);
    if (!type) return std::nullopt;
    event.type = *type;
  }
  for (const Element& c : rtt.children) {
    if (event.actions.size() >= kMaxRttActions) break;
    const std::string* p = c.attribute("p");
    const auto position = parse_number<std::size_t>(p);
    if (p != nullptr && !position) continue;
    if (c.name == "t") {
      event.actions.emplace_back(
          RttInsert{position, std::string(utf8_prefix(c.text, kMaxRttLine * 4))});
    } else if (c.name == "e") {
      const std::string* n = c.attribute("n");
      const auto count = parse_number<std::size_t>(n);
      if (n != nullptr && !count) continue;
      event.actions.emplace_back(RttErase{position, count.value_or(1)});
    } else if (c.name == "w") {
      const auto ms = parse_number<std::uint32_t>(c.attribute("n"));
      if (ms) event.actions.emplace_back(RttWait{*ms});
    }
  }
  return event;
}

Element build_rtt(const RttEvent& event) {
  Element rtt;
  rtt.name = "rtt";
  rtt.ns = std::string(kRttNamespace);
  rtt.set_attribute("seq", std::to_string(event.seq));
  rtt.set_attribute("event", std::string(rtt_event_name(event.type)));
  for (const RttAction& action : event.actions) {
    if (const auto* t = std::get_if<RttInsert>(&action)) {
      Element& c = rtt.add_child("t");
      if (t->position) c.set_attribute("p", std::to_string(*t->position));
      c.text = t->text;
    } else if (const auto* e = std::get_if<RttErase>(&action)) {
      Element& c = rtt.add_child("e");
      if (e->position) c.set_attribute("p", std::to_string(*e->position));
      if (e->count != 1) c.set_attribute("n", std::to_string(e->count));
    } else if (const auto* w = std::get_if<RttWait>(&action)) {
      rtt.add_child("w").set_attribute("n", std::to_string(w->milliseconds));
    }
  }
  return rtt;
}

std::optional<ChatMessage> parse_message(const Element& stanza) {
  if (stanza.name != "message") return std::nullopt;
  ChatMessage message;
  message.from = string_of(stanza.attribute("from"));
  message.to = string_of(stanza.attribute("to"));
  message.id = string_of(stanza.attribute("id"));
  message.type = stanza.attribute("type") ? *stanza.attribute("type") : "normal";
  if (message.type == "error") message.error = error_condition(stanza);
  if (const Element* body = stanza.child("body")) {
    message.body = std::string(utf8_prefix(body->text, kMaxBodyBytes));
  }
  for (const Element& c : stanza.children) {
    if (c.ns == kChatStatesNamespace && !message.chat_state) {
      message.chat_state = chat_state_from_name(c.name);
    }
  }
  if (const Element* rtt = stanza.child("rtt", kRttNamespace)) message.rtt = parse_rtt(*rtt);
  return message;
}

Element build_message(const ChatMessage& message) {
  Element stanza;
  stanza.name = "message";
  if (!message.to.empty()) stanza.set_attribute("to", message.to);
  if (!message.id.empty()) stanza.set_attribute("id", message.id);
  stanza.set_attribute("type", message.type);
  if (message.body) stanza.add_child("body").text = *message.body;
  if (message.chat_state) {
    stanza.add_child(std::string(chat_state_name(*message.chat_state)),
                     std::string(kChatStatesNamespace));
  }
  if (message.rtt) stanza.children.push_back(build_rtt(*message.rtt));
  return stanza;
}

std::string_view bare_jid(std::string_view jid) {
  const auto slash = jid.find('/');
  return slash == std::string_view::npos ? jid : jid.substr(0, slash);
}

}  // namespace talk::xmpp
