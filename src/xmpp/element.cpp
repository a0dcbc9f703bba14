// Element: attribute and child look-ups.
#include "xmpp/element.hpp"

namespace talk::xmpp {

const std::string* Element::attribute(std::string_view key) const {
  for (const auto& [k, v] : attributes) {
    if (k == key) return &v;
  }
  return nullptr;
}

void Element::set_attribute(std::string key, std::string value) {
  for (auto& [k, v] : attributes) {
    if (k == key) {
      v = std::move(value);
      return;
    }
  }
  attributes.emplace_back(std::move(key), std::move(value));
}

const Element* Element::child(std::string_view child_name, std::string_view child_ns) const {
  for (const Element& c : children) {
    if (c.name == child_name && (child_ns.empty() || c.ns == child_ns)) return &c;
  }
  return nullptr;
}

Element& Element::add_child(std::string child_name, std::string child_ns) {
  Element& c = children.emplace_back();
  c.name = std::move(child_name);
  c.ns = std::move(child_ns);
  return c;
}

}  // namespace talk::xmpp
