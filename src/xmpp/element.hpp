// A small XML element tree, the form in which stanzas cross between the XMPP library adapter and
// the code that understands them (so that code never sees the library's types).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace talk::xmpp {

struct Element {
  std::string name;
  std::string ns;  // the element's namespace; empty when inherited
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // the character data directly inside, concatenated
  std::vector<Element> children;

  /// The attribute's value, or nullptr.
  const std::string* attribute(std::string_view key) const;
  void set_attribute(std::string key, std::string value);
  /// The first child with this name (and this namespace, unless `child_ns` is empty).
  const Element* child(std::string_view child_name, std::string_view child_ns = {}) const;
  Element& add_child(std::string child_name, std::string child_ns = {});

  friend bool operator==(const Element&, const Element&) = default;
};

/// Limits the adapter applies while converting a received stanza: deeper elements, more
/// children and longer text are cut.
inline constexpr std::size_t kMaxElementDepth = 8;
inline constexpr std::size_t kMaxElementChildren = 512;
inline constexpr std::size_t kMaxElementText = std::size_t{64} * 1024;

}  // namespace talk::xmpp
