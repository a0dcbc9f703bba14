// Unit tests: the SRDP session state machine with a hand-driven clock (utalk's timers, resends,
// missing lists, the received bitmap, close and drop, bad packets).
#include <gtest/gtest.h>

#include <vector>

#include "protocol/srdp_session.hpp"
#include "protocol/utalk_data.hpp"

namespace talk::proto::srdp {
namespace {

using namespace std::chrono_literals;
using Wire = std::vector<std::uint8_t>;

Chunk text_chunk(const std::string& text, std::uint32_t seq = 0) {
  Chunk chunk = utalk::encode_data({1, 1, {{utalk::DataOp::Kind::Text, text, 0, 0}}});
  chunk.seq = seq;
  return chunk;
}

std::vector<Chunk> chunks_of(const std::vector<Wire>& datagrams) {
  std::vector<Chunk> out;
  for (const Wire& datagram : datagrams) {
    const auto packet = decode_packet(datagram);
    EXPECT_TRUE(packet.ok());
    out.insert(out.end(), packet.chunks.begin(), packet.chunks.end());
  }
  return out;
}

Wire packet_of(const std::vector<Chunk>& chunks) {
  return encode_packet(chunks);
}

struct SessionTest : ::testing::Test {
  Time t0{};
  Session client{Settings{}, true, t0};
};

TEST_F(SessionTest, ResynchSendsCurrentZero) {
  client.resynch(t0);
  const auto sent = chunks_of(client.take_datagrams());
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0], make_current(0));
}

TEST_F(SessionTest, DataIsNumberedFromOneAndSentAlone) {
  client.send(text_chunk("a"), t0);
  client.send(text_chunk("b"), t0);
  const auto datagrams = client.take_datagrams();
  ASSERT_EQ(datagrams.size(), 2U);
  EXPECT_EQ(chunks_of({datagrams[0]})[0].seq, 1U);
  EXPECT_EQ(chunks_of({datagrams[1]})[0].seq, 2U);
}

TEST_F(SessionTest, GapIsReportedAtOnceThenAfterTheMissGap) {
  EXPECT_TRUE(client.on_datagram(packet_of({text_chunk("1", 1), text_chunk("2", 2)}), t0));
  EXPECT_EQ(client.take_chunks().size(), 2U);
  EXPECT_TRUE(client.take_datagrams().empty());
  client.on_datagram(packet_of({text_chunk("4", 4)}), t0 + 1s);
  auto sent = chunks_of(client.take_datagrams());
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(missing_runs_of(sent[0]), (std::vector<MissingRun>{{3, 0}}));
  client.on_datagram(packet_of({text_chunk("6", 6)}), t0 + 2s);  // within 3 s: no new list
  EXPECT_TRUE(client.take_datagrams().empty());
  client.on_datagram(packet_of({text_chunk("7", 7)}), t0 + 4s);
  sent = chunks_of(client.take_datagrams());
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(missing_runs_of(sent[0]), (std::vector<MissingRun>{{5, 0}, {3, 0}}));
}

TEST_F(SessionTest, DuplicatesAreNotDeliveredTwice) {
  client.on_datagram(packet_of({text_chunk("1", 1)}), t0);
  client.on_datagram(packet_of({text_chunk("1", 1)}), t0);
  EXPECT_EQ(client.take_chunks().size(), 1U);
  EXPECT_EQ(client.counters().duplicates, 1U);
}

TEST_F(SessionTest, MissingListAndCurrentAreAnsweredWithResends) {
  for (const char* text : {"a", "b", "c"}) client.send(text_chunk(text), t0);
  client.take_datagrams();
  client.on_datagram(packet_of({make_missing_list(std::vector<MissingRun>{{2, 1}})}), t0);
  auto resent = chunks_of(client.take_datagrams());
  ASSERT_EQ(resent.size(), 2U);
  EXPECT_EQ(resent[0].seq, 2U);
  EXPECT_EQ(resent[1].seq, 1U);
  client.on_datagram(packet_of({make_current(1)}), t0);
  resent = chunks_of(client.take_datagrams());
  ASSERT_EQ(resent.size(), 2U);
  EXPECT_EQ(resent[0].seq, 2U);
  EXPECT_EQ(resent[1].seq, 3U);
  client.on_datagram(packet_of({make_current(3)}), t0);
  EXPECT_TRUE(client.take_datagrams().empty());
}

TEST_F(SessionTest, AListWithoutEntriesResendsTheOldestChunk) {
  // utalk drops a missing run that reaches the bottom of its bitmap from its list: when our
  // first chunks are lost, its MISSLST arrives empty.
  for (const char* text : {"a", "b", "c"}) client.send(text_chunk(text), t0);
  client.take_datagrams();
  client.on_datagram(packet_of({make_missing_list({})}), t0);
  const auto resent = chunks_of(client.take_datagrams());
  ASSERT_EQ(resent.size(), 1U);
  EXPECT_EQ(resent[0], text_chunk("a", 1));
}

TEST_F(SessionTest, UnavailableChunksAreAnsweredWithOldest) {
  Settings small;
  small.send_list_bytes = 2 * (text_chunk("x").size() + 16);
  Session session(small, true, t0);
  for (int i = 0; i < 5; ++i) session.send(text_chunk("x"), t0);
  session.take_datagrams();
  session.on_datagram(packet_of({make_missing_list(std::vector<MissingRun>{{1, 0}})}), t0);
  const auto sent = chunks_of(session.take_datagrams());
  ASSERT_EQ(sent.size(), 1U);
  EXPECT_EQ(sent[0], make_oldest(4));
}

TEST_F(SessionTest, OldestStopsTheMissingList) {
  client.on_datagram(packet_of({text_chunk("5", 5)}), t0);
  client.take_datagrams();
  client.on_datagram(packet_of({make_oldest(5)}), t0 + 10s);
  client.resynch(t0 + 10s);
  EXPECT_EQ(chunks_of(client.take_datagrams()), (std::vector<Chunk>{make_current(5)}));
}

TEST_F(SessionTest, CurrentAndAliveTimersFollowUtalk) {
  EXPECT_EQ(client.next_deadline(), t0 + 4s);
  client.on_timer(t0 + 4s);
  EXPECT_EQ(chunks_of(client.take_datagrams()), (std::vector<Chunk>{make_current(0)}));
  EXPECT_EQ(client.next_deadline(), t0 + 9s);  // unanswered: every 5 s
  client.on_datagram(packet_of({make_alive()}), t0 + 6s);
  EXPECT_EQ(client.next_deadline(), t0 + 10s);
  client.on_timer(t0 + 10s);
  EXPECT_EQ(chunks_of(client.take_datagrams()), (std::vector<Chunk>{make_current(0)}));
  Session quiet(Settings{}, true, t0);
  quiet.on_datagram(packet_of({make_current(0)}), t0 + 3s);
  quiet.on_datagram(packet_of({make_current(0)}), t0 + 6s);
  EXPECT_EQ(quiet.next_deadline(), t0 + 8s);  // nothing sent for 8 s: ALIVE
  quiet.on_timer(t0 + 8s);
  EXPECT_EQ(chunks_of(quiet.take_datagrams()), (std::vector<Chunk>{make_alive()}));
  EXPECT_FALSE(quiet.broken(t0 + 35s));
  EXPECT_TRUE(quiet.broken(t0 + 36s));
}

TEST_F(SessionTest, ServerKeepsDataUntilThePeerShowsUp) {
  Session server(Settings{}, false, t0);
  server.send(text_chunk("early"), t0);
  EXPECT_TRUE(server.take_datagrams().empty());
  EXPECT_FALSE(server.next_deadline());
  server.on_datagram(packet_of({make_current(0)}), t0 + 1s);
  const auto sent = chunks_of(server.take_datagrams());
  // The resynch first, then the replay on locking (and again for the CURRENT, as utalk does).
  ASSERT_GE(sent.size(), 2U);
  EXPECT_EQ(sent[0], make_current(0));
  EXPECT_EQ(sent[1].seq, 1U);
  EXPECT_TRUE(server.peer_known());
}

TEST_F(SessionTest, ServerAnswersTheFirstSignOfLifeWithItsResynch) {
  // utalk's client sends an ALIVE and holds its text until it hears from the server.
  Session server(Settings{}, false, t0);
  server.resynch(t0);  // no peer yet: nothing can go out
  EXPECT_TRUE(server.take_datagrams().empty());
  server.on_datagram(packet_of({make_alive()}), t0 + 1s);
  EXPECT_EQ(chunks_of(server.take_datagrams()), (std::vector<Chunk>{make_current(0)}));
}

TEST_F(SessionTest, PingProbesAndItsReplyCountsAsHearing) {
  client.ping(Wire{7}, t0);
  EXPECT_EQ(chunks_of(client.take_datagrams()), (std::vector<Chunk>{make_ping(Wire{7})}));
  EXPECT_FALSE(client.heard_anything());
  client.on_datagram(packet_of({make_ping_reply(make_ping(Wire{7}))}), t0);
  EXPECT_TRUE(client.heard_anything());
  EXPECT_TRUE(client.take_datagrams().empty());
}

TEST_F(SessionTest, PingIsEchoed) {
  client.on_datagram(packet_of({make_ping(Wire{1, 2})}), t0);
  EXPECT_EQ(chunks_of(client.take_datagrams()),
            (std::vector<Chunk>{make_ping_reply(make_ping(Wire{1, 2}))}));
}

TEST_F(SessionTest, CloseIsAnsweredWithThreeDrops) {
  client.on_datagram(packet_of({make_close({})}), t0);
  const auto sent = client.take_datagrams();
  ASSERT_EQ(sent.size(), 3U);
  for (const Wire& datagram : sent) EXPECT_EQ(datagram, packet_of({make_drop()}));
  EXPECT_TRUE(client.closed());
  EXPECT_TRUE(client.closed_by_peer());
}

TEST_F(SessionTest, DropClosesAndOurDropSendsThree) {
  Session other(Settings{}, true, t0);
  other.drop();
  EXPECT_EQ(other.take_datagrams().size(), 3U);
  EXPECT_TRUE(other.closed());
  EXPECT_FALSE(other.closed_by_peer());
  client.on_datagram(packet_of({make_drop()}), t0);
  EXPECT_TRUE(client.closed_by_peer());
  EXPECT_FALSE(client.next_deadline());
}

TEST_F(SessionTest, BadPacketsAreCountedAndUnknownChunksPassThrough) {
  EXPECT_FALSE(client.on_datagram(Wire{1, 0, 0, 2, 0, 0, 0, 0}, t0));
  EXPECT_FALSE(client.on_datagram(Wire{}, t0));
  EXPECT_EQ(client.counters().malformed, 2U);
  EXPECT_FALSE(client.heard_anything());
  Chunk odd;
  odd.type = 0x35;
  EXPECT_TRUE(client.on_datagram(packet_of({odd}), t0));
  EXPECT_EQ(client.take_chunks().size(), 1U);
}

TEST(ReceivedSeqsTest, WindowRollsAndForgets) {
  ReceivedSeqs seqs;
  EXPECT_TRUE(seqs.mark(1));
  EXPECT_FALSE(seqs.mark(1));
  EXPECT_TRUE(seqs.mark(5000));
  EXPECT_GT(seqs.base(), 1U);
  EXPECT_FALSE(seqs.mark(2));  // older than the window: forgotten
  EXPECT_TRUE(seqs.has_missing(5000));
  seqs.forget_below(5000);
  EXPECT_FALSE(seqs.has_missing(5000));
  EXPECT_TRUE(seqs.mark(0xffffffffU));
  EXPECT_FALSE(seqs.mark(0xffffffffU));
}

TEST(ReceivedSeqsTest, RunsAreCappedAt255) {
  ReceivedSeqs seqs;
  seqs.mark(600);
  const auto runs = seqs.missing(600, 10);
  ASSERT_EQ(runs.size(), 3U);
  EXPECT_EQ(runs[0], (MissingRun{599, 254}));
  EXPECT_EQ(runs[1], (MissingRun{344, 254}));
  EXPECT_EQ(runs[2], (MissingRun{89, 88}));
  EXPECT_EQ(seqs.missing(600, 1).size(), 1U);
}

}  // namespace
}  // namespace talk::proto::srdp
