// Unit tests of ChatSession over a fake connection: ringing, answering, real-time text both
// ways, chat states, service discovery, hostile input and leaving.
#include <gtest/gtest.h>

#include "fake_connection.hpp"
#include "xmpp/chat_session.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::xmpp {
namespace {

using std::chrono::milliseconds;
const ChatSession::Time t0{std::chrono::hours(2)};

class ChatSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Account account;
    account.jid = *parse_jid("alice@example.org");
    account.password = "pw";
    std::string error;
    ASSERT_TRUE(session.start(account, "pw", error)) << error;
    EXPECT_EQ(connection.jid, "alice@example.org/talk-ng");
    connection.events->connected("alice@example.org/talk-ng");
  }

  // A message from the peer, built as XML-free Element.
  void from_peer(ChatMessage m, const char* from = "bob@example.org/phone") {
    m.from = from;
    Element stanza = build_message(m);
    stanza.set_attribute("from", from);
    connection.events->received(stanza);
  }

  std::string peer_text() {
    std::string text;
    for (const ChatEvent& e : session.take_events()) {
      if (e.kind == ChatEventKind::PeerText) text += e.text;
    }
    return text;
  }

  testing::FakeConnection connection;
  ChatSession session{
      connection, ChatSettings{*parse_jid("alice@example.org"), *parse_jid("bob@example.org"), 1000,
                               milliseconds(30000)}};
};

TEST_F(ChatSessionTest, RingsAtOnceAndAgainEachIntervalUntilAnswered) {
  const auto login = connection.take_sent();
  ASSERT_EQ(login.size(), 2u);
  EXPECT_EQ(parse_presence(login[0]), (Presence{}));
  EXPECT_EQ(parse_presence(login[1]),
            (Presence{"", "bob@example.org", PresenceKind::Subscribe, "", ""}));
  EXPECT_EQ(session.next_due(), ChatSession::Time{});
  session.poll(t0);
  auto sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  const auto ring = parse_message(sent[0]);
  ASSERT_TRUE(ring);
  EXPECT_EQ(ring->to, "bob@example.org");
  EXPECT_EQ(*ring->body,
            "[talk] alice@example.org wants to talk with you. Answer with: talk "
            "xmpp:alice@example.org");
  EXPECT_NE(sent[0].child("ring", kRingNamespace), nullptr);
  EXPECT_EQ(session.next_due(), t0 + milliseconds(30000));
  session.poll(t0 + milliseconds(29000));
  EXPECT_TRUE(connection.take_sent().empty());
  session.poll(t0 + milliseconds(30000));
  EXPECT_EQ(connection.take_sent().size(), 1u);
  EXPECT_EQ(session.take_events(),
            (std::vector<ChatEvent>{{ChatEventKind::Connected, ""}, {ChatEventKind::Rang, ""}}));

  ChatMessage typing;
  typing.chat_state = ChatState::Composing;
  from_peer(typing);
  EXPECT_TRUE(session.answered());
  EXPECT_EQ(session.take_events(), (std::vector<ChatEvent>{{ChatEventKind::Answered, ""},
                                                           {ChatEventKind::PeerTyping, "typing"}}));
  sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 2u) << "the answer is acknowledged with <active/>";
  EXPECT_EQ(parse_message(sent[0])->chat_state, ChatState::Active);
  EXPECT_EQ(sent[1], build_disco_info_query("bob@example.org/phone", kPeerDiscoId));
  session.poll(t0 + milliseconds(90000));
  EXPECT_TRUE(connection.take_sent().empty()) << "no ring after the answer";
}

TEST_F(ChatSessionTest, PeerRealTimeTextBecomesTalkBytes) {
  ChatMessage m;
  m.rtt = RttEvent{RttEventType::New, 50, {RttInsert{{}, "hel"}}};
  from_peer(m);
  EXPECT_EQ(peer_text(), "hel");
  m.rtt = RttEvent{RttEventType::Edit, 51, {RttErase{{}, 1}, RttInsert{{}, "p!"}}};
  from_peer(m);
  EXPECT_EQ(peer_text(), "\x7fp!");
  m.rtt.reset();
  m.body = "hep!";
  from_peer(m);
  EXPECT_EQ(peer_text(), "\n") << "the body is what the pane shows already";
  m.body.reset();
  m.rtt = RttEvent{RttEventType::New, 60, {RttInsert{{}, "typo"}}};
  from_peer(m);
  m.rtt.reset();
  m.body = "type";
  from_peer(m);
  EXPECT_EQ(peer_text(),
            "typo\x7f"
            "e\n");
  m.body = "two\nlines";
  from_peer(m);
  EXPECT_EQ(peer_text(), "two\nlines\n");
}

TEST_F(ChatSessionTest, OthersAndStoredMessagesAreIgnored) {
  ChatMessage m;
  m.body = "spam";
  from_peer(m, "mallory@example.org/x");
  ChatMessage stored;
  stored.body = "old ring";
  Element stanza = build_message(stored);
  stanza.set_attribute("from", "bob@example.org/r");
  stanza.add_child("delay", "urn:xmpp:delay");
  connection.events->received(stanza);
  EXPECT_FALSE(session.answered());
  EXPECT_EQ(peer_text(), "");
}

TEST_F(ChatSessionTest, ARingFromThePeerAnswersAndIsNotShown) {
  ChatMessage ring;
  ring.body = "[talk] bob@example.org wants to talk with you.";
  Element stanza = build_message(ring);
  stanza.set_attribute("from", "bob@example.org/talk-ng");
  stanza.add_child("ring", std::string(kRingNamespace));
  connection.events->received(stanza);
  EXPECT_TRUE(session.answered());
  EXPECT_EQ(peer_text(), "");
}

TEST_F(ChatSessionTest, HostileTextNeverCarriesControls) {
  ChatMessage m;
  m.rtt = RttEvent{RttEventType::New, 1, {RttInsert{{}, "\x1b]0;owned\x07\x15\x9b"}}};
  from_peer(m);
  const std::string text = peer_text();
  for (const char c : text) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << text;
  m.rtt.reset();
  m.body = std::string(100000, 'x');
  from_peer(m);
  EXPECT_LE(peer_text().size(), kMaxRttLine + 20);
  Element error = build_message(ChatMessage{});
  error.set_attribute("from", "bob@example.org");
  error.set_attribute("type", "error");
  error.add_child("error").add_child("\x1b[31mbad", "urn:ietf:params:xml:ns:xmpp-stanzas");
  connection.events->received(error);
  const auto events = session.take_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, ChatEventKind::DeliveryError);
  EXPECT_EQ(events[0].text.find('\x1b'), std::string::npos);
}

TEST_F(ChatSessionTest, AResetAfterAHugeInsertionReplacesTheShownLine) {
  ChatMessage m;
  m.rtt = RttEvent{RttEventType::New, 70, {RttInsert{{}, "start"}}};
  from_peer(m);
  (void)peer_text();
  m.rtt = RttEvent{RttEventType::Edit, 71, {RttInsert{{}, std::string(100000, 'x')}}};
  from_peer(m);
  const std::string huge = peer_text();
  EXPECT_EQ(huge, std::string(kMaxRttLine - 5, 'x'));
  m.rtt = RttEvent{RttEventType::Reset, 72, {RttInsert{{}, "after"}}};
  from_peer(m);
  EXPECT_EQ(peer_text(), std::string(kMaxRttLine - 5, '\x7f') + std::string(5, '\x7f') + "after");
}

TEST_F(ChatSessionTest, TypingSendsRealTimeTextWithChatStatesAndEnterABody) {
  connection.take_sent();
  session.poll(t0);  // the ring
  connection.take_sent();
  session.type("hi\x1b", t0);
  session.poll(t0);
  auto sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  auto m = parse_message(sent[0]);
  EXPECT_EQ(m->chat_state, ChatState::Composing);
  EXPECT_EQ(m->rtt, (RttEvent{RttEventType::New, 1000, {RttInsert{{}, "hi"}}}));
  session.erase_word(t0 + milliseconds(100));
  session.type("yo", t0 + milliseconds(200));
  session.poll(t0 + milliseconds(300));
  EXPECT_TRUE(connection.take_sent().empty()) << "paced";
  session.poll(t0 + milliseconds(700));
  m = parse_message(connection.take_sent().at(0));
  EXPECT_EQ(m->chat_state, std::nullopt);
  EXPECT_EQ(m->rtt, (RttEvent{RttEventType::Edit, 1001, {RttErase{{}, 2}, RttInsert{{}, "yo"}}}));
  session.enter(t0 + milliseconds(800));
  m = parse_message(connection.take_sent().at(0));
  EXPECT_EQ(m->body, "yo");
  EXPECT_EQ(m->chat_state, ChatState::Active);
  session.type("x", t0 + milliseconds(900));
  session.poll(t0 + milliseconds(1500));
  connection.take_sent();
  session.poll(t0 + milliseconds(900) + kPausedAfter);
  m = parse_message(connection.take_sent().at(0));
  EXPECT_EQ(m->chat_state, ChatState::Paused);
}

TEST_F(ChatSessionTest, AnswersDiscoAndRefusesOtherQueries) {
  connection.take_sent();
  Element disco = build_disco_info_query("alice@example.org/talk-ng", "q1");
  disco.set_attribute("from", "bob@example.org/x");
  connection.events->received(disco);
  Element version = disco;
  version.children.clear();
  version.add_child("query", "jabber:iq:version");
  connection.events->received(version);
  const auto sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_TRUE(parse_disco_info_result(sent[0]));
  EXPECT_EQ(*sent[1].attribute("type"), "error");
  EXPECT_EQ(*sent[1].attribute("id"), "q1");
}

TEST_F(ChatSessionTest, GrantsThePeersSubscriptionAndAsksWhatItsClientSpeaks) {
  connection.take_sent();
  connection.events->received(
      Element{"presence", "", {{"from", "bob@example.org"}, {"type", "subscribe"}}, "", {}});
  connection.events->received(
      Element{"presence", "", {{"from", "carol@example.org"}, {"type", "subscribe"}}, "", {}});
  connection.events->received(Element{"presence", "", {{"from", "bob@example.org/phone"}}, "", {}});
  connection.events->received(Element{"presence", "", {{"from", "bob@example.org/phone"}}, "", {}});
  const auto sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 2u);  // nothing for carol, one query for bob's resource
  EXPECT_EQ(parse_presence(sent[0]),
            (Presence{"", "bob@example.org", PresenceKind::Subscribed, "", ""}));
  EXPECT_EQ(sent[1], build_disco_info_query("bob@example.org/phone", kPeerDiscoId));
  EXPECT_EQ(session.peer_has_rtt(), std::nullopt);
}

TEST_F(ChatSessionTest, ThePeersPresenceIsItsResourcesTakenTogether) {
  const auto presence = [this](const char* from, const char* type, const char* show = nullptr) {
    Element p{"presence", "", {{"from", from}}, "", {}};
    if (type != nullptr) p.set_attribute("type", type);
    if (show != nullptr) p.add_child("show").text = show;
    connection.events->received(p);
  };
  const auto shown = [this] {
    std::vector<std::string> texts;
    for (const ChatEvent& e : session.take_events()) {
      if (e.kind == ChatEventKind::PeerPresence) texts.push_back(e.text);
    }
    return texts;
  };
  shown();
  presence("bob@example.org", "unavailable");  // the server's receipt for our request
  EXPECT_TRUE(shown().empty());
  presence("bob@example.org", "subscribed");
  presence("bob@example.org/phone", nullptr, "away");
  presence("bob@example.org/pc", nullptr);
  presence("bob@example.org/pc", "unavailable");
  presence("bob@example.org/phone", "unavailable");
  EXPECT_EQ(shown(), (std::vector<std::string>{"away", "online", "away", "offline"}));
  presence("bob@example.org/pc", nullptr);
  presence("bob@example.org", "unavailable");
  EXPECT_EQ(shown(), (std::vector<std::string>{"online", "offline"}));
}

TEST_F(ChatSessionTest, APeerWithoutRealTimeTextGetsChatStatesAndLinesOnly) {
  connection.events->received(Element{"presence", "", {{"from", "bob@example.org/pc"}}, "", {}});
  Element result{
      "iq",
      "",
      {{"from", "bob@example.org/pc"}, {"type", "result"}, {"id", std::string(kPeerDiscoId)}},
      "",
      {}};
  Element& query = result.add_child("query", std::string(kDiscoInfoNamespace));
  query.add_child("feature").set_attribute("var", std::string(kChatStatesNamespace));
  connection.events->received(result);
  EXPECT_EQ(session.peer_has_rtt(), false);
  session.poll(t0);  // the ring
  connection.take_sent();
  session.type("hi", t0 + milliseconds(10));
  session.poll(t0 + milliseconds(10));
  auto sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_FALSE(parse_message(sent[0])->rtt);
  EXPECT_EQ(parse_message(sent[0])->chat_state, ChatState::Composing);
  session.enter(t0 + milliseconds(20));
  sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(parse_message(sent[0])->body, "hi");

  ChatMessage m;  // it sends real-time text after all: so do we
  m.rtt = RttEvent{RttEventType::New, 1, {RttInsert{{}, "x"}}};
  from_peer(m, "bob@example.org/pc");
  EXPECT_EQ(session.peer_has_rtt(), true);
  connection.take_sent();
  session.type("again", t0 + milliseconds(30));
  session.poll(t0 + milliseconds(30));
  sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_TRUE(parse_message(sent[0])->rtt);
}

TEST_F(ChatSessionTest, PresenceAndLeaving) {
  Element away{"presence", "", {{"from", "bob@example.org/r"}}, "", {}};
  away.add_child("show").text = "away";
  connection.events->received(away);
  ChatMessage gone;
  gone.chat_state = ChatState::Gone;
  from_peer(gone);
  auto events = session.take_events();
  EXPECT_EQ(events[events.size() - 1].kind, ChatEventKind::PeerLeft);
  EXPECT_EQ(events[1], (ChatEvent{ChatEventKind::PeerPresence, "away"}));

  connection.take_sent();
  session.type("unsent", t0);
  session.quit();
  const auto sent = connection.take_sent();
  ASSERT_EQ(sent.size(), 2u);
  const auto bye = parse_message(sent[0]);
  EXPECT_EQ(bye->chat_state, ChatState::Gone);
  EXPECT_EQ(bye->rtt->type, RttEventType::Cancel);
  EXPECT_EQ(*sent[1].attribute("type"), "unavailable");
  EXPECT_TRUE(connection.disconnect_called);
  connection.events->disconnected("");
  EXPECT_FALSE(session.online());
}

}  // namespace
}  // namespace talk::xmpp
