// Presence and disco#info stanzas: parsing with bounds, and building.
#include <array>
#include <utility>

#include "xmpp/stanzas.hpp"
#include "xmpp/utf8.hpp"

namespace talk::xmpp {
namespace {

constexpr std::array<std::pair<PresenceKind, std::string_view>, 8> kPresenceTypes{{
    {PresenceKind::Available, ""},
    {PresenceKind::Unavailable, "unavailable"},
    {PresenceKind::Subscribe, "subscribe"},
    {PresenceKind::Subscribed, "subscribed"},
    {PresenceKind::Unsubscribe, "unsubscribe"},
    {PresenceKind::Unsubscribed, "unsubscribed"},
    {PresenceKind::Probe, "probe"},
    {PresenceKind::Error, "error"},
}};

constexpr std::size_t kMaxStatusBytes = 256;

}  // namespace

std::optional<Presence> parse_presence(const Element& stanza) {
  if (stanza.name != "presence") return std::nullopt;
  Presence presence;
  if (const std::string* from = stanza.attribute("from")) presence.from = *from;
  if (const std::string* to = stanza.attribute("to")) presence.to = *to;
  const std::string* type = stanza.attribute("type");
  const std::string_view type_name = type == nullptr ? std::string_view{} : *type;
  bool known = false;
  for (const auto& [kind, name] : kPresenceTypes) {
    if (name == type_name) {
      presence.kind = kind;
      known = true;
    }
  }
  if (!known) return std::nullopt;
  if (const Element* show = stanza.child("show")) presence.show = utf8_prefix(show->text, 16);
  if (const Element* status = stanza.child("status")) {
    presence.status = utf8_prefix(status->text, kMaxStatusBytes);
  }
  return presence;
}

Element build_presence(const Presence& presence) {
  Element stanza;
  stanza.name = "presence";
  if (!presence.to.empty()) stanza.set_attribute("to", presence.to);
  for (const auto& [kind, name] : kPresenceTypes) {
    if (kind == presence.kind && !name.empty()) stanza.set_attribute("type", std::string(name));
  }
  if (!presence.show.empty()) stanza.add_child("show").text = presence.show;
  if (!presence.status.empty()) stanza.add_child("status").text = presence.status;
  return stanza;
}

bool is_disco_info_query(const Element& stanza) {
  const std::string* type = stanza.attribute("type");
  return stanza.name == "iq" && type != nullptr && *type == "get" &&
         stanza.child("query", kDiscoInfoNamespace) != nullptr;
}

Element build_disco_info_result(const Element& query) {
  Element iq;
  iq.name = "iq";
  iq.set_attribute("type", "result");
  if (const std::string* from = query.attribute("from")) iq.set_attribute("to", *from);
  if (const std::string* id = query.attribute("id")) iq.set_attribute("id", *id);
  Element& answer = iq.add_child("query", std::string(kDiscoInfoNamespace));
  if (const Element* asked = query.child("query", kDiscoInfoNamespace)) {
    if (const std::string* node = asked->attribute("node")) answer.set_attribute("node", *node);
  }
  Element& identity = answer.add_child("identity");
  identity.set_attribute("category", "client");
  identity.set_attribute("type", "pc");
  identity.set_attribute("name", "talk-ng");
  for (const std::string_view feature :
       {kDiscoInfoNamespace, kChatStatesNamespace, kRttNamespace}) {
    answer.add_child("feature").set_attribute("var", std::string(feature));
  }
  return iq;
}

Element build_disco_info_query(std::string_view to, std::string_view id) {
  Element iq;
  iq.name = "iq";
  iq.set_attribute("type", "get");
  iq.set_attribute("to", std::string(to));
  iq.set_attribute("id", std::string(id));
  iq.add_child("query", std::string(kDiscoInfoNamespace));
  return iq;
}

std::optional<std::vector<std::string>> parse_disco_info_result(const Element& stanza) {
  const std::string* type = stanza.attribute("type");
  const Element* query = stanza.child("query", kDiscoInfoNamespace);
  if (stanza.name != "iq" || type == nullptr || *type != "result" || query == nullptr) {
    return std::nullopt;
  }
  std::vector<std::string> features;
  for (const Element& c : query->children) {
    const std::string* var = c.attribute("var");
    if (c.name == "feature" && var != nullptr && features.size() < 256) features.push_back(*var);
  }
  return features;
}

}  // namespace talk::xmpp
