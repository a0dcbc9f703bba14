// The talkd-gateway channel's messages: round trips and strict parsing.
#include "protocol/gateway_channel.hpp"

#include <gtest/gtest.h>

#include "protocol/constants.hpp"

namespace talk::proto {
namespace {

TEST(GatewayChannel, RoundTrips) {
  GatewayMessage ring;
  ring.verb = GatewayVerb::Ring;
  ring.caller = "tkalice";
  ring.callee = "carol-x";
  ring.addr = TalkAddr{kAfInet, 40000, 0x7f000001, {}};
  EXPECT_EQ(encode_gateway_message(ring), "RING tkalice carol-x 127.0.0.1 40000\n");
  EXPECT_EQ(parse_gateway_message(encode_gateway_message(ring)), ring);
  GatewayMessage cancel;
  cancel.verb = GatewayVerb::Cancel;
  cancel.caller = "a";
  cancel.callee = "b";
  EXPECT_EQ(parse_gateway_message(encode_gateway_message(cancel)), cancel);
  EXPECT_EQ(parse_gateway_message("OK\n")->verb, GatewayVerb::Ok);
  EXPECT_EQ(parse_gateway_message("UNKNOWN\n")->verb, GatewayVerb::Unknown);
}

TEST(GatewayChannel, RejectsAnythingElse) {
  for (const char* text :
       {"", "OK", "OK\n\n", "ok\n", "RING a b 127.0.0.1 1", "RING a b 1.2.3 5\n",
        "RING a b 1.2.3.256 5\n", "RING a b 1.2.3.4 0\n", "RING a b 1.2.3.4 65536\n",
        "RING a b 01.2.3.4 5\n", "RING a  b 1.2.3.4 5\n", "RING twelve-bytes b 1.2.3.4 5\n",
        "RING a b\x01 1.2.3.4 5\n", "RING a b 1.2.3.4 5 6\n", "CANCEL a\n", "HELLO\n"}) {
    EXPECT_FALSE(parse_gateway_message(text)) << text;
  }
}

}  // namespace
}  // namespace talk::proto
