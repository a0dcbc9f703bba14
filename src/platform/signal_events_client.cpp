// SignalEvents over signalfd(2).
#include "platform/signal_events_client.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

namespace talk::platform {
namespace {

sigset_t client_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH}) sigaddset(&set, sig);
  return set;
}

}  // namespace

SignalEvents::SignalEvents() {
  static_assert(sizeof(sigset_t) <= sizeof old_mask_);
  const sigset_t set = client_signals();
  sigset_t old;
  sigemptyset(&old);
  if (::sigprocmask(SIG_BLOCK, &set, &old) != 0) return;
  std::memcpy(old_mask_, &old, sizeof old);
  fd_.reset(::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
}

SignalEvents::~SignalEvents() {
  sigset_t old;
  std::memcpy(&old, old_mask_, sizeof old);
  fd_.reset();
  // Signals still pending are dropped by ignoring them briefly, so unblocking does not kill us
  // on the way out; then the old dispositions and mask come back.
  const sigset_t set = client_signals();
  sigset_t pending;
  sigemptyset(&pending);
  ::sigpending(&pending);
  for (const int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH}) {
    if (sigismember(&pending, sig) == 1) {
      struct sigaction ignore {};
      struct sigaction previous {};
      ignore.sa_handler = SIG_IGN;
      ::sigaction(sig, &ignore, &previous);
      ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
      ::sigprocmask(SIG_BLOCK, &set, nullptr);
      ::sigaction(sig, &previous, nullptr);
    }
  }
  ::sigprocmask(SIG_SETMASK, &old, nullptr);
}

std::vector<ClientSignal> SignalEvents::take() {
  std::vector<ClientSignal> out;
  signalfd_siginfo info{};
  while (fd_.valid() &&
         ::read(fd_.get(), &info, sizeof info) == static_cast<ssize_t>(sizeof info)) {
    switch (info.ssi_signo) {
      case SIGINT:
      case SIGQUIT:
        out.push_back(ClientSignal::Interrupt);
        break;
      case SIGTERM:
        out.push_back(ClientSignal::Terminate);
        break;
      case SIGHUP:
        out.push_back(ClientSignal::Hangup);
        break;
      case SIGWINCH:
        out.push_back(ClientSignal::Resize);
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace talk::platform
