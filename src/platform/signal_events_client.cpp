// SignalEvents over signalfd(2).
#include "platform/signal_events_client.hpp"

#include <sys/signalfd.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

namespace talk::platform {
namespace {

constexpr int kClientSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGWINCH, SIGTSTP};

sigset_t client_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (const int sig : kClientSignals) sigaddset(&set, sig);
  return set;
}

// Never runs: SIGTSTP stays blocked and is read from the signalfd. Its disposition is not the
// default, so curses sees that the program handles job control itself and installs no handler
// of its own (which would redraw from signal context).
void never_called(int /*signal*/) {}

}  // namespace

SignalEvents::SignalEvents() {
  static_assert(sizeof(sigset_t) <= sizeof old_mask_);
  const sigset_t set = client_signals();
  sigset_t old;
  sigemptyset(&old);
  if (::sigprocmask(SIG_BLOCK, &set, &old) != 0) return;
  std::memcpy(old_mask_, &old, sizeof old);
  struct sigaction blocked {};
  blocked.sa_handler = never_called;
  sigemptyset(&blocked.sa_mask);
  struct sigaction previous {};
  if (::sigaction(SIGTSTP, &blocked, &previous) == 0 && previous.sa_handler == SIG_IGN) {
    ::sigaction(SIGTSTP, &previous, nullptr);  // started with job control off: keep it off
  }
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
  for (const int sig : kClientSignals) {
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
  struct sigaction standard {};
  standard.sa_handler = SIG_DFL;
  struct sigaction current {};
  if (::sigaction(SIGTSTP, nullptr, &current) == 0 && current.sa_handler == never_called) {
    ::sigaction(SIGTSTP, &standard, nullptr);
  }
  ::sigprocmask(SIG_SETMASK, &old, nullptr);
}

void SignalEvents::stop_process() {
  // The default action of SIGTSTP stops us, so the shell reports the job as stopped; unblocked
  // only here, it is taken at once, and the call returns after SIGCONT.
  struct sigaction standard {};
  standard.sa_handler = SIG_DFL;
  sigemptyset(&standard.sa_mask);
  struct sigaction ours {};
  if (::sigaction(SIGTSTP, &standard, &ours) != 0) return;
  sigset_t tstp;
  sigemptyset(&tstp);
  sigaddset(&tstp, SIGTSTP);
  ::kill(::getpid(), SIGTSTP);
  ::sigprocmask(SIG_UNBLOCK, &tstp, nullptr);
  ::sigprocmask(SIG_BLOCK, &tstp, nullptr);
  ::sigaction(SIGTSTP, &ours, nullptr);
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
      case SIGTSTP:
        out.push_back(ClientSignal::Suspend);
        break;
      default:
        break;
    }
  }
  return out;
}

}  // namespace talk::platform
