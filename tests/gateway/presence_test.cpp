// Local users' presence: from their terminals, as stanzas, and published only to the JIDs
// each user listed, again only when it changes.
#include "gateway/presence.hpp"

#include <gtest/gtest.h>

#include <map>

#include "gateway/gateway.hpp"
#include "xmpp/fake_connection.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::gateway {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

platform::TtyInfo tty(bool mesg, Clock::time_point last) {
  return platform::TtyInfo{1000, mesg, last};
}

TEST(Presence, FromTerminals) {
  const Clock::time_point now = Clock::now();
  EXPECT_EQ(presence_from({}, now).availability, Availability::Offline);
  EXPECT_EQ(presence_from({tty(true, now - 1min)}, now).availability, Availability::Available);
  const LocalPresence away = presence_from({tty(true, now - 12min), tty(false, now)}, now);
  EXPECT_EQ(away.availability, Availability::Away);  // mesg n terminals do not count
  EXPECT_EQ(away.idle, 12min);
  EXPECT_EQ(presence_from({tty(true, now - 2h)}, now).availability, Availability::ExtendedAway);
  EXPECT_EQ(presence_from({tty(false, now)}, now).availability, Availability::DoNotDisturb);
  EXPECT_EQ(presence_text("bob", away), "bob: idle 12 min");
}

TEST(Presence, OneStanzaForAllWhoListedTheJid) {
  const auto p =
      xmpp::parse_presence(presence_for("carol@x", {{"alice", {Availability::Away, 7min}},
                                                    {"bob", {Availability::DoNotDisturb, 0min}},
                                                    {"dan", {Availability::Offline, 0min}}}));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->to, "carol@x");
  EXPECT_EQ(p->show, "away");
  EXPECT_EQ(p->status, "alice: idle 7 min; bob: do not disturb");
  const auto off = xmpp::parse_presence(presence_for("carol@x", {{"dan", {}}}));
  ASSERT_TRUE(off);
  EXPECT_EQ(off->kind, xmpp::PresenceKind::Unavailable);
}

class FakePresence final : public PresenceSource {
 public:
  std::vector<std::string> logged_in() const override {
    std::vector<std::string> users;
    for (const auto& [user, p] : states) {
      if (p.availability != Availability::Offline) users.push_back(user);
    }
    return users;
  }
  LocalPresence of(const std::string& user) const override {
    const auto it = states.find(user);
    return it == states.end() ? LocalPresence{} : it->second;
  }
  std::map<std::string, LocalPresence> states;
};

class FakeNames final : public NameSource {
 public:
  std::optional<NameBook> book_for(const std::string& user) const override {
    return NameBook(own_names(user), {});
  }
  std::vector<NameEntry> own_names(const std::string& user) const override {
    return user == "bob" ? parse_names("carol-x carol@localhost\n").entries
                         : std::vector<NameEntry>{};
  }
};

TEST(Presence, PublishedToListedJidsWhenItChanges) {
  xmpp::testing::FakeConnection upstream;
  XmppHub hub(upstream);
  FakeNames names;
  platform::MemoryLogger logger;
  GatewaySettings settings;
  settings.me = *xmpp::parse_jid("gateway@localhost");
  Gateway gateway(hub, names, logger, settings, [] { return 1U; });
  FakePresence presence;
  gateway.set_presence(&presence);
  std::string error;
  ASSERT_TRUE(hub.start(xmpp::Account{}, "pw", error));
  upstream.events->connected("gateway@localhost/gateway");
  (void)upstream.take_sent();

  const auto published = [&upstream] {
    std::vector<xmpp::Presence> out;
    for (const xmpp::Element& e : upstream.take_sent()) {
      if (auto p = xmpp::parse_presence(e)) out.push_back(*p);
    }
    return out;
  };
  std::chrono::steady_clock::time_point now{std::chrono::hours(3)};
  presence.states["bob"] = {Availability::Available, 0min};
  presence.states["alice"] = {Availability::Available, 0min};  // lists no one
  gateway.on_timer(now);
  auto sent = published();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].to, "carol@localhost");
  EXPECT_EQ(sent[0].status, "bob: here");

  now += 61s;
  gateway.on_timer(now);
  EXPECT_TRUE(published().empty());  // unchanged

  presence.states["bob"] = {Availability::DoNotDisturb, 0min};
  now += 61s;
  gateway.on_timer(now);
  sent = published();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].show, "dnd");

  presence.states.erase("bob");
  now += 61s;
  gateway.on_timer(now);
  sent = published();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0].kind, xmpp::PresenceKind::Unavailable);
  now += 61s;
  gateway.on_timer(now);
  EXPECT_TRUE(published().empty());
}

}  // namespace
}  // namespace talk::gateway
