// ThreadedNameLookups: detached workers share a queue and a list of answers with the loop; an
// eventfd tells the loop that answers wait.
#include "platform/name_lookups.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

#include "platform/endpoint.hpp"
#include "platform/resolver.hpp"
#include "platform/unique_fd.hpp"

namespace talk::platform {

struct ThreadedNameLookups::Shared {
  std::mutex mutex;
  std::deque<std::uint32_t> waiting;
  std::vector<NameAnswer> done;
  std::size_t workers = 0;
  std::size_t max_workers = 1;
  UniqueFd event;
};

namespace {

void work(const std::shared_ptr<ThreadedNameLookups::Shared>& shared) {
  SystemResolver resolver;
  for (;;) {
    std::uint32_t ipv4 = 0;
    {
      const std::lock_guard<std::mutex> lock(shared->mutex);
      if (shared->waiting.empty()) {
        --shared->workers;
        return;
      }
      ipv4 = shared->waiting.front();
      shared->waiting.pop_front();
    }
    std::string name = resolver.verified_name(ipv4);
    {
      const std::lock_guard<std::mutex> lock(shared->mutex);
      shared->done.push_back({ipv4, std::move(name)});
    }
    const std::uint64_t one = 1;
    (void)!::write(shared->event.get(), &one, sizeof one);
  }
}

}  // namespace

ThreadedNameLookups::ThreadedNameLookups(std::size_t max_workers)
    : shared_(std::make_shared<Shared>()) {
  shared_->max_workers = max_workers == 0 ? 1 : max_workers;
  shared_->event.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
}

ThreadedNameLookups::~ThreadedNameLookups() {
  const std::lock_guard<std::mutex> lock(shared_->mutex);
  shared_->waiting.clear();  // running workers finish their lookup and end
}

void ThreadedNameLookups::start(std::uint32_t ipv4) {
  bool spawn = false;
  {
    const std::lock_guard<std::mutex> lock(shared_->mutex);
    shared_->waiting.push_back(ipv4);
    if (shared_->workers < shared_->max_workers) {
      ++shared_->workers;
      spawn = true;
    }
  }
  if (!spawn) return;
  try {
    std::thread(work, shared_).detach();
  } catch (const std::system_error&) {
    // No thread to be had: answer with the address rather than block the loop.
    const std::lock_guard<std::mutex> lock(shared_->mutex);
    --shared_->workers;
    shared_->waiting.pop_back();
    shared_->done.push_back({ipv4, format_ipv4(ipv4)});
    const std::uint64_t one = 1;
    (void)!::write(shared_->event.get(), &one, sizeof one);
  }
}

int ThreadedNameLookups::fd() const {
  return shared_->event.get();
}

std::vector<NameAnswer> ThreadedNameLookups::collect() {
  std::uint64_t count = 0;
  (void)!::read(shared_->event.get(), &count, sizeof count);
  const std::lock_guard<std::mutex> lock(shared_->mutex);
  std::vector<NameAnswer> answers;
  answers.swap(shared_->done);
  return answers;
}

}  // namespace talk::platform
