// Element <-> xmpp_stanza_t, recursively with bounds.
#include "xmpp/strophe/strophe_element.hpp"

#include <algorithm>
#include <vector>

namespace talk::xmpp::strophe {
namespace {

void fill(Element& out, xmpp_stanza_t* stanza, std::size_t depth) {
  if (const char* name = xmpp_stanza_get_name(stanza)) out.name = name;
  if (const char* ns = xmpp_stanza_get_ns(stanza)) out.ns = ns;
  const int count = xmpp_stanza_get_attribute_count(stanza);
  if (count > 0) {
    std::vector<const char*> attrs(static_cast<std::size_t>(count) * 2, nullptr);
    const int got = xmpp_stanza_get_attributes(stanza, attrs.data(), count * 2);
    for (int i = 0; i + 1 < got && i < count * 2; i += 2) {
      const char* key = attrs[static_cast<std::size_t>(i)];
      const char* value = attrs[static_cast<std::size_t>(i) + 1];
      if (key != nullptr && value != nullptr && std::string_view(key) != "xmlns") {
        out.attributes.emplace_back(key, value);
      }
    }
  }
  for (xmpp_stanza_t* c = xmpp_stanza_get_children(stanza); c != nullptr;
       c = xmpp_stanza_get_next(c)) {
    if (xmpp_stanza_is_text(c) != 0) {
      const char* text = xmpp_stanza_get_text_ptr(c);
      if (text != nullptr && out.text.size() < kMaxElementText) {
        const std::string_view piece(text);
        out.text.append(piece.substr(0, kMaxElementText - out.text.size()));
      }
    } else if (depth + 1 < kMaxElementDepth && out.children.size() < kMaxElementChildren) {
      fill(out.children.emplace_back(), c, depth + 1);
    }
  }
}

}  // namespace

Element to_element(xmpp_stanza_t* stanza) {
  Element element;
  fill(element, stanza, 0);
  return element;
}

xmpp_stanza_t* to_stanza(xmpp_ctx_t* ctx, const Element& element) {
  xmpp_stanza_t* stanza = xmpp_stanza_new(ctx);
  xmpp_stanza_set_name(stanza, element.name.c_str());
  if (!element.ns.empty()) xmpp_stanza_set_ns(stanza, element.ns.c_str());
  for (const auto& [key, value] : element.attributes) {
    xmpp_stanza_set_attribute(stanza, key.c_str(), value.c_str());
  }
  if (!element.text.empty()) {
    xmpp_stanza_t* text = xmpp_stanza_new(ctx);
    xmpp_stanza_set_text_with_size(text, element.text.data(), element.text.size());
    xmpp_stanza_add_child_ex(stanza, text, 0);
  }
  for (const Element& c : element.children) xmpp_stanza_add_child_ex(stanza, to_stanza(ctx, c), 0);
  return stanza;
}

}  // namespace talk::xmpp::strophe
