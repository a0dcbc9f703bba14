// Conversion between libstrophe's stanza objects and Elements, bounded on the way in.
#pragma once

#include <strophe.h>

#include "xmpp/element.hpp"

namespace talk::xmpp::strophe {

/// The stanza as an Element: at most kMaxElementDepth levels, kMaxElementChildren children per
/// element and kMaxElementText bytes of text per element; the rest is dropped.
Element to_element(xmpp_stanza_t* stanza);

/// A new libstrophe stanza (the caller releases it) holding `element`.
xmpp_stanza_t* to_stanza(xmpp_ctx_t* ctx, const Element& element);

}  // namespace talk::xmpp::strophe
