// Unit tests of the libstrophe adapter's stanza conversion, on XML text parsed by libstrophe.
#include <gtest/gtest.h>

#include "xmpp/stanzas.hpp"
#include "xmpp/strophe/strophe_connection.hpp"

namespace talk::xmpp::strophe {
namespace {

TEST(StropheElement, RttMessageFromXml) {
  const auto element = parse_stanza_xml(
      "<message from='bob@x/r' to='alice@x' type='chat'>"
      "<rtt xmlns='urn:xmpp:rtt:0' seq='4' event='new'><t>h&lt;i</t><e n='1'/><t p='0'>¡</t></rtt>"
      "<composing xmlns='http://jabber.org/protocol/chatstates'/></message>");
  ASSERT_TRUE(element);
  const auto message = parse_message(*element);
  ASSERT_TRUE(message && message->rtt);
  EXPECT_EQ(message->from, "bob@x/r");
  EXPECT_EQ(message->chat_state, ChatState::Composing);
  EXPECT_EQ(message->rtt->type, RttEventType::New);
  EXPECT_EQ(message->rtt->actions,
            (std::vector<RttAction>{RttInsert{{}, "h<i"}, RttErase{{}, 1}, RttInsert{0, "¡"}}));
}

TEST(StropheElement, BuiltStanzaSurvivesTheWireForm) {
  ChatMessage m;
  m.to = "bob@x";
  m.body = "a & b <c> 'd' \"e\" 日本";
  m.chat_state = ChatState::Active;
  m.rtt = RttEvent{RttEventType::Edit, 3, {RttErase{2, 5}, RttInsert{{}, "<&>"}}};
  const std::string xml = stanza_xml(build_message(m));
  EXPECT_NE(xml.find("xmlns=\"urn:xmpp:rtt:0\""), std::string::npos) << xml;
  const auto back = parse_stanza_xml(xml);
  ASSERT_TRUE(back) << xml;
  const auto parsed = parse_message(*back);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->body, m.body);
  EXPECT_EQ(parsed->rtt, m.rtt);
  EXPECT_EQ(parsed->chat_state, m.chat_state);
}

TEST(StropheElement, DeepWideAndLongStanzasAreCut) {
  std::string deep = "<message>";
  for (int i = 0; i < 50; ++i) deep += "<x>";
  for (int i = 0; i < 50; ++i) deep += "</x>";
  deep += "</message>";
  auto element = parse_stanza_xml(deep);
  ASSERT_TRUE(element);
  std::size_t depth = 0;
  for (const Element* e = &*element; !e->children.empty(); e = &e->children[0]) ++depth;
  EXPECT_LT(depth, kMaxElementDepth);

  std::string wide = "<message>";
  for (std::size_t i = 0; i < kMaxElementChildren + 100; ++i) wide += "<t/>";
  wide += "<body>" + std::string(200000, 'b') + "</body></message>";
  element = parse_stanza_xml(wide);
  ASSERT_TRUE(element);
  EXPECT_EQ(element->children.size(), kMaxElementChildren);

  element = parse_stanza_xml("<message><body>" + std::string(200000, 'b') + "</body></message>");
  ASSERT_TRUE(element);
  EXPECT_EQ(element->child("body")->text.size(), kMaxElementText);
}

TEST(StropheElement, MalformedXmlIsRefused) {
  EXPECT_FALSE(parse_stanza_xml("<message><body>unclosed"));
  EXPECT_FALSE(parse_stanza_xml(""));
}

}  // namespace
}  // namespace talk::xmpp::strophe
