// Tests of the ytalk stream deframer and text escaping: packets, FD escapes, split reads.
#include <gtest/gtest.h>

#include <vector>

#include "protocol/ytalk_stream.hpp"
#include "wire_bytes.hpp"

namespace talk::proto::ytalk {
namespace {

using testing::Wire;
using Items = std::vector<StreamItem>;

StreamItem text(Wire bytes) {
  return {StreamItem::Kind::Text, std::move(bytes)};
}
StreamItem packet(Wire bytes) {
  return {StreamItem::Kind::Packet, std::move(bytes)};
}

Items deframe(const Wire& stream) {
  OobDeframer deframer;
  Items out;
  deframer.feed(stream, out);
  EXPECT_FALSE(deframer.pending());
  return out;
}

TEST(YtalkStream, PlainTextPassesThrough) {
  EXPECT_EQ(deframe(Wire{'h', 'i', '\r', '\n'}), (Items{text({'h', 'i', '\r', '\n'})}));
}

TEST(YtalkStream, PacketBetweenText) {
  const Wire stream{'a', 0xFD, 3, 122, 0, 0, 'b'};
  EXPECT_EQ(deframe(stream), (Items{text({'a'}), packet({122, 0, 0}), text({'b'})}));
}

TEST(YtalkStream, EscapedBytes) {
  EXPECT_EQ(deframe(Wire{0xFD, 0xFD, 'x'}), (Items{text({0xFD, 'x'})}));
  EXPECT_EQ(deframe(Wire{0xFD, 0xFE}), (Items{text({0xFE})}));
  EXPECT_EQ(deframe(Wire{0xFD, 0xFF}), (Items{text({0xFF})}));
  EXPECT_EQ(deframe(Wire{0xFE, 0xFF}), (Items{text({0xFE, 0xFF})}));
}

TEST(YtalkStream, EmptyAndLongestPackets) {
  EXPECT_EQ(deframe(Wire{0xFD, 0}), (Items{packet({})}));
  Wire longest{0xFD, 0xFC};
  longest.resize(2 + 0xFC, 0xFD);
  const Items items = deframe(longest);
  ASSERT_EQ(items.size(), 1U);
  EXPECT_EQ(items[0].bytes, Wire(0xFC, 0xFD));
}

TEST(YtalkStream, SplitAtEveryByte) {
  const Wire stream{'a', 0xFD, 0xFD, 0xFD, 8, 121, 0, 0, 0, 0, 11, 0, 80, 'z', 0xFD, 0xFE};
  OobDeframer deframer;
  Items out;
  for (const std::uint8_t byte : stream) deframer.feed(Wire{byte}, out);
  EXPECT_FALSE(deframer.pending());
  Items merged;
  for (auto& item : out) {
    if (!merged.empty() && merged.back().kind == item.kind && item.kind == StreamItem::Kind::Text) {
      merged.back().bytes.insert(merged.back().bytes.end(), item.bytes.begin(), item.bytes.end());
    } else {
      merged.push_back(item);
    }
  }
  EXPECT_EQ(merged,
            (Items{text({'a', 0xFD}), packet({121, 0, 0, 0, 0, 11, 0, 80}), text({'z', 0xFE})}));
}

TEST(YtalkStream, PendingWhileIncomplete) {
  OobDeframer deframer;
  Items out;
  deframer.feed(Wire{0xFD}, out);
  EXPECT_TRUE(deframer.pending());
  deframer.feed(Wire{2, 1}, out);
  EXPECT_TRUE(deframer.pending());
  EXPECT_TRUE(out.empty());
  deframer.feed(Wire{2}, out);
  EXPECT_FALSE(deframer.pending());
  EXPECT_EQ(out, (Items{packet({1, 2})}));
}

TEST(YtalkStream, EscapeDoublesOnlyTheMarker) {
  EXPECT_EQ(escape_text(Wire{'a', 0xFD, 0xFE, 0xFF}), (Wire{'a', 0xFD, 0xFD, 0xFE, 0xFF}));
  const Wire sent = escape_text(Wire{0xFD, 0xFD, 'q'});
  EXPECT_EQ(deframe(sent), (Items{text({0xFD, 0xFD, 'q'})}));
}

}  // namespace
}  // namespace talk::proto::ytalk
