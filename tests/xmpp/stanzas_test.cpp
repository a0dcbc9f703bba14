// Unit tests of the stanza values: messages with rtt and chat states, presence, disco#info.
#include <gtest/gtest.h>

#include "xmpp/stanzas.hpp"

namespace talk::xmpp {
namespace {

Element rtt_element(std::vector<std::pair<std::string, std::string>> attributes,
                    std::vector<Element> children = {}) {
  Element rtt{"rtt", std::string(kRttNamespace), std::move(attributes), "", std::move(children)};
  return rtt;
}

Element action(std::string name, std::vector<std::pair<std::string, std::string>> attributes,
               std::string text = {}) {
  return Element{std::move(name), "", std::move(attributes), std::move(text), {}};
}

TEST(Stanzas, MessageRoundTripsThroughElements) {
  ChatMessage m;
  m.to = "bob@example.org";
  m.id = "m1";
  m.body = "hello";
  m.chat_state = ChatState::Active;
  m.rtt = RttEvent{
      RttEventType::Edit, 12, {RttInsert{{}, "hé"}, RttErase{3, 2}, RttErase{{}, 1}, RttWait{30}}};
  const Element e = build_message(m);
  EXPECT_EQ(e.child("active", kChatStatesNamespace)->name, "active");
  EXPECT_EQ(*e.child("rtt", kRttNamespace)->attribute("event"), "edit");
  EXPECT_EQ(e.child("rtt")->children[2].attribute("n"), nullptr) << "n='1' is the default";
  const auto back = parse_message(e);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, m);
}

TEST(Stanzas, RttWithoutValidSeqOrWithUnknownEventIsDropped) {
  EXPECT_FALSE(parse_rtt(rtt_element({})));
  EXPECT_FALSE(parse_rtt(rtt_element({{"seq", "-1"}})));
  EXPECT_FALSE(parse_rtt(rtt_element({{"seq", "12x"}})));
  EXPECT_FALSE(parse_rtt(rtt_element({{"seq", "1"}, {"event", "explode"}})));
  const auto big = parse_rtt(rtt_element({{"seq", "99999999999999"}}));
  ASSERT_TRUE(big);
  EXPECT_EQ(big->seq, 0xffffffffu) << "saturates";
  EXPECT_EQ(big->type, RttEventType::Edit);
}

TEST(Stanzas, RttActionsWithBadNumbersAreSkippedHugeOnesSaturate) {
  const auto event = parse_rtt(rtt_element(
      {{"seq", "3"}, {"event", "reset"}},
      {action("t", {{"p", "x"}}, "skipped"), action("t", {{"p", "18446744073709551616"}}, "end"),
       action("e", {{"n", ""}}), action("e", {{"p", "2"}}), action("w", {{"n", "50"}}),
       action("blink", {}, "ignored")}));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->type, RttEventType::Reset);
  EXPECT_EQ(event->actions,
            (std::vector<RttAction>{RttInsert{SIZE_MAX, "end"}, RttErase{2, 1}, RttWait{50}}));
}

TEST(Stanzas, RttActionsAreBounded) {
  std::vector<Element> many(kMaxRttActions + 10, action("t", {}, "x"));
  const auto event = parse_rtt(rtt_element({{"seq", "1"}}, many));
  ASSERT_TRUE(event);
  EXPECT_EQ(event->actions.size(), kMaxRttActions);
}

TEST(Stanzas, HugeBodyIsCutAtACharacterBoundary) {
  Element m{"message", "", {{"type", "chat"}}, "", {}};
  std::string body(kMaxBodyBytes - 1, 'a');
  body += "é and more";
  m.add_child("body").text = body;
  const auto parsed = parse_message(m);
  ASSERT_TRUE(parsed && parsed->body);
  EXPECT_EQ(*parsed->body, std::string(kMaxBodyBytes - 1, 'a'));
}

TEST(Stanzas, ErrorMessageCarriesItsCondition) {
  Element m{"message", "", {{"type", "error"}, {"from", "bob@x"}}, "", {}};
  m.add_child("error").add_child("service-unavailable", "urn:ietf:params:xml:ns:xmpp-stanzas");
  const auto parsed = parse_message(m);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->error, "service-unavailable");
  EXPECT_FALSE(parse_message(Element{"iq", "", {}, "", {}}));
}

TEST(Stanzas, ChatStateNamesAndUnknownStates) {
  Element m{"message", "", {{"type", "chat"}}, "", {}};
  m.add_child("composing", std::string(kChatStatesNamespace));
  EXPECT_EQ(parse_message(m)->chat_state, ChatState::Composing);
  Element other{"message", "", {}, "", {}};
  other.add_child("dancing", std::string(kChatStatesNamespace));
  EXPECT_EQ(parse_message(other)->chat_state, std::nullopt);
  EXPECT_EQ(parse_message(other)->type, "normal");
}

TEST(Stanzas, Presence) {
  Element p{"presence", "", {{"from", "bob@x/r"}, {"type", "unavailable"}}, "", {}};
  EXPECT_EQ(parse_presence(p)->kind, PresenceKind::Unavailable);
  Element away{"presence", "", {{"from", "bob@x/r"}}, "", {}};
  away.add_child("show").text = "away";
  EXPECT_EQ(parse_presence(away)->kind, PresenceKind::Available);
  EXPECT_EQ(parse_presence(away)->show, "away");
  EXPECT_FALSE(parse_presence(Element{"presence", "", {{"type", "weird"}}, "", {}}));
  const Element built = build_presence(Presence{"", "bob@x", PresenceKind::Unavailable, "", ""});
  EXPECT_EQ(*built.attribute("type"), "unavailable");
  EXPECT_EQ(*built.attribute("to"), "bob@x");
}

TEST(Stanzas, DiscoInfoAdvertisesRealTimeTextAndChatStates) {
  const Element query = build_disco_info_query("alice@x/talk", "d1");
  Element incoming = query;
  incoming.set_attribute("from", "bob@x/r");
  ASSERT_TRUE(is_disco_info_query(incoming));
  const Element result = build_disco_info_result(incoming);
  EXPECT_EQ(*result.attribute("to"), "bob@x/r");
  EXPECT_EQ(*result.attribute("id"), "d1");
  const auto features = parse_disco_info_result(result);
  ASSERT_TRUE(features);
  EXPECT_EQ(*features, (std::vector<std::string>{std::string(kDiscoInfoNamespace),
                                                 std::string(kChatStatesNamespace),
                                                 std::string(kRttNamespace)}));
  EXPECT_FALSE(is_disco_info_query(result));
  EXPECT_FALSE(parse_disco_info_result(query));
}

TEST(Stanzas, BareJid) {
  EXPECT_EQ(bare_jid("a@b/c/d"), "a@b");
  EXPECT_EQ(bare_jid("a@b"), "a@b");
}

}  // namespace
}  // namespace talk::xmpp
