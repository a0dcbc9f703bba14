// Tests of talkd's platform pieces against the real OS: utmp files, terminal checks,
// ~/.talkrc trust rules, socket activation parsing.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "platform/logind_sessions.hpp"
#include "platform/socket_activation.hpp"
#include "platform/terminal_scan.hpp"
#include "platform/tty_writer.hpp"
#include "platform/user_file_reader.hpp"
#include "platform/utmp_reader.hpp"
#include "talkd/daemon_harness.hpp"

namespace talk::platform {
namespace {

using namespace std::chrono_literals;

class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/talkd-platform-XXXXXX";
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string path;
};

TEST(UtmpFile, RecordsRoundTrip) {
  TempDir dir;
  const std::string path = dir.path + "/utmp";
  ASSERT_TRUE(append_utmp_record(path, {"alice", "pts/3", 10, true}));
  ASSERT_TRUE(append_utmp_record(path, {"bob", "tty1", 11, false}));
  const auto records = UtmpFileSource(path).logins();
  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0], (LoginRecord{"alice", "pts/3", 10, true}));
  EXPECT_EQ(records[1], (LoginRecord{"bob", "tty1", 11, false}));
  EXPECT_TRUE(UtmpFileSource(dir.path + "/missing").logins().empty());
  EXPECT_TRUE(UtmpFileSource(path).present());
  EXPECT_FALSE(UtmpFileSource(dir.path + "/missing").present());
}

TEST(UtmpFile, ReadsFilesLongerThanOneChunk) {
  TempDir dir;
  const std::string path = dir.path + "/utmp";
  for (int i = 0; i < 150; ++i) {
    ASSERT_TRUE(append_utmp_record(
        path, {"u" + std::to_string(i), "pts/" + std::to_string(i), i + 1, i % 2 == 0}));
  }
  const auto records = UtmpFileSource(path).logins();
  ASSERT_EQ(records.size(), 150U);
  EXPECT_EQ(records[149], (LoginRecord{"u149", "pts/149", 150, false}));
  std::ofstream(path, std::ios::app) << "torn";  // a partial record at the end is ignored
  EXPECT_EQ(UtmpFileSource(path).logins().size(), 150U);
}

TEST(DevPtsScan, FindsTheUsersRealPtysOnly) {
  talkd::testing::TestPty pty;
  const DevPtsScan scan;
  const auto mine = scan.terminals_of(::geteuid());
  EXPECT_NE(std::find(mine.begin(), mine.end(), pty.line()), mine.end()) << pty.line();
  const auto theirs = scan.terminals_of(::geteuid() + 4242);
  EXPECT_EQ(std::find(theirs.begin(), theirs.end(), pty.line()), theirs.end());
}

TEST(DevPtsScan, IgnoresEntriesThatAreNotPtys) {
  TempDir dir;
  talkd::testing::TestPty pty;
  std::filesystem::create_directory(dir.path + "/pts");
  std::ofstream(dir.path + "/pts/5") << "x";
  std::filesystem::create_symlink("/dev/" + pty.line(), dir.path + "/pts/6");
  std::filesystem::create_directory(dir.path + "/pts/7");
  EXPECT_TRUE(DevPtsScan(dir.path).terminals_of(::geteuid()).empty());
  EXPECT_TRUE(DevPtsScan(dir.path + "/missing").terminals_of(::geteuid()).empty());
}

TEST(LogindSessions, NoneWhenTheMachineDoesNotRunSystemd) {
  if (LogindSessionSource::running()) GTEST_SKIP() << "booted with systemd: logind has sessions";
  const LogindSessionSource logind;
  EXPECT_TRUE(logind.logins().empty());
  EXPECT_TRUE(logind.logins_of("root", 0).empty());
}

TEST(TtyNames, OnlyPlainRelativeNames) {
  EXPECT_TRUE(is_safe_tty_name("pts/3"));
  EXPECT_TRUE(is_safe_tty_name("tty1"));
  EXPECT_FALSE(is_safe_tty_name(""));
  EXPECT_FALSE(is_safe_tty_name("/dev/pts/3"));
  EXPECT_FALSE(is_safe_tty_name("../etc/passwd"));
  EXPECT_FALSE(is_safe_tty_name("pts/../../etc/shadow"));
  EXPECT_FALSE(is_safe_tty_name("pts//3"));
  EXPECT_FALSE(is_safe_tty_name("pts/3/"));
  EXPECT_FALSE(is_safe_tty_name("pts/./3"));
  EXPECT_FALSE(is_safe_tty_name("tty 1"));
  EXPECT_FALSE(is_safe_tty_name(std::string("tty\0x", 5)));
}

TEST(DevTtyWriter, ProbesAndWritesARealPty) {
  talkd::testing::TestPty pty;
  DevTtyWriter writer(500ms);
  const auto info = writer.probe(pty.line());
  ASSERT_TRUE(info);
  EXPECT_EQ(info->owner, ::geteuid());
  EXPECT_TRUE(info->group_writable);
  EXPECT_FALSE(writer.write(pty.line(), "hello", ::geteuid()));
  EXPECT_EQ(pty.read_master(5, 1000ms), "hello");
  EXPECT_EQ(writer.write(pty.line(), "x", ::geteuid() + 1), std::errc::permission_denied);
  pty.set_mode(0600);
  EXPECT_EQ(writer.write(pty.line(), "x", ::geteuid()), std::errc::permission_denied);
}

TEST(DevTtyWriter, RefusesSymlinksAndOtherFiles) {
  TempDir dir;
  talkd::testing::TestPty pty;
  std::filesystem::create_symlink("/dev/" + pty.line(), dir.path + "/link");
  std::ofstream(dir.path + "/file") << "x";
  DevTtyWriter writer(100ms, dir.path);
  EXPECT_FALSE(writer.probe("link"));
  EXPECT_FALSE(writer.probe("file"));
  EXPECT_TRUE(writer.write("link", "x", ::geteuid()));
  EXPECT_TRUE(writer.write("file", "x", ::geteuid()));
}

TEST(DevTtyWriter, GivesUpOnAFullStoppedTerminal) {
  talkd::testing::TestPty pty;
  pty.stop_and_fill();
  DevTtyWriter writer(300ms);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(writer.write(pty.line(), std::string(400, 'y'), ::geteuid()), std::errc::timed_out);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took, 250ms);
  EXPECT_LT(took, 2s);
}

TEST(SafeUserFileReader, TrustRules) {
  TempDir dir;
  SafeUserFileReader reader;
  const std::string good = dir.path + "/good";
  std::ofstream(good) << "allow .* any\n";
  ::chmod(good.c_str(), 0644);
  const UserFile read = reader.read(good, ::geteuid());
  EXPECT_EQ(read.status, UserFile::Status::Trusted);
  EXPECT_EQ(read.text, "allow .* any\n");

  EXPECT_EQ(reader.read(good, ::geteuid() + 1).status, UserFile::Status::Untrusted);
  const std::string writable = dir.path + "/writable";
  std::ofstream(writable) << "x";
  ::chmod(writable.c_str(), 0664);
  EXPECT_EQ(reader.read(writable, ::geteuid()).status, UserFile::Status::Untrusted);
  std::filesystem::create_symlink(good, dir.path + "/link");
  EXPECT_EQ(reader.read(dir.path + "/link", ::geteuid()).status, UserFile::Status::Untrusted);
  std::filesystem::create_directory(dir.path + "/dir");
  EXPECT_EQ(reader.read(dir.path + "/dir", ::geteuid()).status, UserFile::Status::Untrusted);
  EXPECT_EQ(reader.read(dir.path + "/none", ::geteuid()).status, UserFile::Status::Missing);
}

TEST(SocketActivation, IgnoresVariablesForAnotherProcess) {
  ::setenv("LISTEN_FDS", "1", 1);
  ::setenv("LISTEN_PID", "1", 1);  // not us
  EXPECT_TRUE(socket_activation_requested());
  std::error_code ec;
  const auto fds = take_activation_sockets(ec);
  EXPECT_FALSE(ec);
  EXPECT_TRUE(fds.empty());
  ::unsetenv("LISTEN_FDS");
  ::unsetenv("LISTEN_PID");
}

}  // namespace
}  // namespace talk::platform
