// SignalPipe: signalfd for SIGTERM, SIGINT and SIGHUP; no handler runs any code.
#include "platform/signal_pipe.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>

namespace talk::platform {

SignalPipe SignalPipe::open(std::error_code& ec) {
  SignalPipe pipe;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  (void)std::signal(SIGPIPE, SIG_IGN);
  if (::sigprocmask(SIG_BLOCK, &set, nullptr) != 0) {
    ec = {errno, std::generic_category()};
    return pipe;
  }
  pipe.fd_.reset(::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
  if (!pipe.fd_) {
    ec = {errno, std::generic_category()};
    return pipe;
  }
  ec.clear();
  return pipe;
}

SignalEvent SignalPipe::read_event() {
  signalfd_siginfo info{};
  const ssize_t got = ::read(fd_.get(), &info, sizeof info);
  if (got != static_cast<ssize_t>(sizeof info)) return SignalEvent::None;
  return info.ssi_signo == SIGHUP ? SignalEvent::Reload : SignalEvent::Terminate;
}

}  // namespace talk::platform
