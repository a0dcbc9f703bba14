// The gateway's decisions: which calls talkd may hand over, which XMPP users may ring whom,
// and the limit of one ring per JID in ten seconds.
#include "gateway/gateway.hpp"

#include <gtest/gtest.h>

#include <map>

#include "xmpp/fake_connection.hpp"
#include "xmpp/stanzas.hpp"

namespace talk::gateway {
namespace {

using namespace std::chrono_literals;

class FakeNames final : public NameSource {
 public:
  std::optional<NameBook> book_for(const std::string& user) const override {
    const auto it = files.find(user);
    if (it == files.end()) return std::nullopt;
    return NameBook(parse_names(it->second).entries, {});
  }
  std::vector<NameEntry> own_names(const std::string& user) const override {
    const auto it = files.find(user);
    return it == files.end() ? std::vector<NameEntry>{} : parse_names(it->second).entries;
  }
  std::map<std::string, std::string> files;
};

class GatewayTest : public ::testing::Test {
 protected:
  GatewayTest() : hub_(upstream_), gateway_(hub_, names_, logger_, settings(), [] { return 7U; }) {
    names_.files["tkalice"] = "carol-x carol@localhost\n";
    names_.files["tkbob"] = "";
    std::string error;
    EXPECT_TRUE(hub_.start(xmpp::Account{}, "pw", error));
    upstream_.events->connected("gateway@localhost/gateway");
    (void)upstream_.take_sent();
  }

  static GatewaySettings settings() {
    GatewaySettings s;
    s.me = *xmpp::parse_jid("gateway@localhost");
    s.host = "host";
    s.talkd = {platform::kLoopbackAddress, 9};  // discard: nothing answers
    return s;
  }

  std::string ring(const std::string& caller, const std::string& callee) {
    return gateway_.on_channel_message("RING " + caller + " " + callee + " 127.0.0.1 9\n", now_);
  }

  void from_xmpp(const std::string& from, const std::string& body) {
    xmpp::ChatMessage m;
    m.body = body;
    xmpp::Element e = xmpp::build_message(m);
    e.set_attribute("from", from);
    upstream_.events->received(e);
    gateway_.on_timer(now_);
  }

  std::vector<std::string> bodies() {
    std::vector<std::string> out;
    for (const xmpp::Element& e : upstream_.take_sent()) {
      if (const auto m = xmpp::parse_message(e); m && m->body)
        out.push_back(m->to + ": " + *m->body);
    }
    return out;
  }

  xmpp::testing::FakeConnection upstream_;
  XmppHub hub_;
  FakeNames names_;
  platform::MemoryLogger logger_;
  Gateway gateway_;
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1)};
};

TEST_F(GatewayTest, TakesOnlyTheCallersOwnNames) {
  EXPECT_EQ(ring("tkbob", "carol-x"), "UNKNOWN\n");
  EXPECT_EQ(ring("nobody-here", "carol-x"), "UNKNOWN\n");
  EXPECT_EQ(ring("tkalice", "dave-x"), "UNKNOWN\n");
  EXPECT_EQ(gateway_.on_channel_message("garbage", now_), "UNKNOWN\n");
  EXPECT_EQ(gateway_.calls(), 0U);
  EXPECT_EQ(ring("tkalice", "carol-x"), "OK\n");
  EXPECT_EQ(gateway_.calls(), 1U);
  gateway_.on_timer(now_);
  const auto sent = bodies();
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0],
            "carol@localhost: [talk] tkalice@host wants to talk with you. Answer with: talk "
            "xmpp:gateway@localhost (or any message to gateway@localhost)");
  // The caller's re-announcement keeps the same call.
  now_ += 30s;
  EXPECT_EQ(ring("tkalice", "carol-x"), "OK\n");
  EXPECT_EQ(gateway_.calls(), 1U);
}

TEST_F(GatewayTest, TheCallerCancels) {
  EXPECT_EQ(ring("tkalice", "carol-x"), "OK\n");
  gateway_.on_timer(now_);
  (void)bodies();
  EXPECT_EQ(gateway_.on_channel_message("CANCEL tkbob carol-x\n", now_), "OK\n");
  EXPECT_EQ(gateway_.calls(), 1U);
  EXPECT_EQ(gateway_.on_channel_message("CANCEL tkalice carol-x\n", now_), "OK\n");
  gateway_.on_timer(now_);
  EXPECT_EQ(gateway_.calls(), 0U);
  EXPECT_EQ(bodies(), std::vector<std::string>{"carol@localhost: [talk] tkalice stopped calling."});
}

TEST_F(GatewayTest, ARingWithoutAnAnswerEndsWhenTheCallerStopsCalling) {
  EXPECT_EQ(ring("tkalice", "carol-x"), "OK\n");
  gateway_.on_timer(now_);
  now_ += 80s;
  gateway_.on_timer(now_);
  EXPECT_EQ(gateway_.calls(), 0U);
}

TEST_F(GatewayTest, RefusesJidsTheCalleeDidNotList) {
  from_xmpp("mallory@localhost/x", "talk tkalice");
  from_xmpp("carol@localhost/x", "talk tkbob");
  from_xmpp("carol@localhost/x", "talk nosuchuser");
  EXPECT_EQ(gateway_.calls(), 0U);
  const auto sent = bodies();
  ASSERT_EQ(sent.size(), 3U);
  EXPECT_EQ(sent[0], "mallory@localhost: [talk] tkalice cannot be rung from your address.");
  EXPECT_EQ(sent[2], "carol@localhost: [talk] nosuchuser cannot be rung from your address.");
  from_xmpp("carol@localhost/x", "hello?");
  EXPECT_EQ(bodies(), std::vector<std::string>{
                          "carol@localhost: [talk] To ring someone on host, send: talk USER"});
}

TEST_F(GatewayTest, AFloodRingsOnceInTenSeconds) {
  names_.files["tkbob"] = "carol-x carol@localhost\n";
  from_xmpp("carol@localhost/x", "talk tkbob");
  EXPECT_EQ(gateway_.calls(), 1U);
  gateway_.shutdown("[talk] stop");
  (void)bodies();
  for (int i = 0; i < 5; ++i) from_xmpp("carol@localhost/x", "talk tkbob");
  EXPECT_EQ(gateway_.calls(), 0U);
  for (const std::string& body : bodies()) {
    EXPECT_EQ(body, "carol@localhost: [talk] Please wait a few seconds before ringing again.");
  }
  now_ += 10s;
  from_xmpp("carol@localhost/x", "talk tkbob");
  EXPECT_EQ(gateway_.calls(), 1U);
}

TEST(RequestedUser, NamesOneLoginName) {
  EXPECT_EQ(requested_user("talk bob"), "bob");
  EXPECT_EQ(requested_user("  bob \n"), "bob");
  EXPECT_EQ(requested_user("talk  tk.bob-2"), "tk.bob-2");
  EXPECT_EQ(requested_user("talk bob now"), "");
  EXPECT_EQ(requested_user("talk -x"), "");
  EXPECT_EQ(requested_user("talk ../etc"), "");
  EXPECT_EQ(requested_user(""), "");
}

}  // namespace
}  // namespace talk::gateway
