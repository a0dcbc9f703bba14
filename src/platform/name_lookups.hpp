// Reverse name lookups off the daemon's thread: started here, finished ones collected when a
// descriptor that the one poll loop watches becomes readable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace talk::platform {

struct NameAnswer {
  std::uint32_t ipv4 = 0;  // host order
  std::string name;        // verified both ways, or the dotted address
};

class NameLookups {
 public:
  virtual ~NameLookups() = default;
  /// Starts finding the verified name of `ipv4`; the caller avoids starting one twice.
  virtual void start(std::uint32_t ipv4) = 0;
  /// Readable while finished lookups wait to be collected.
  virtual int fd() const = 0;
  /// The lookups finished since the last call, each once; never blocks.
  virtual std::vector<NameAnswer> collect() = 0;
};

/// Each lookup runs getnameinfo/getaddrinfo on a worker thread (at most `max_workers` at once,
/// the rest queued); workers start only when a lookup is needed and end when the queue is empty.
/// A lookup still running when this object goes away finishes on its own and is dropped.
class ThreadedNameLookups final : public NameLookups {
 public:
  explicit ThreadedNameLookups(std::size_t max_workers = 4);
  ~ThreadedNameLookups() override;
  ThreadedNameLookups(const ThreadedNameLookups&) = delete;
  ThreadedNameLookups& operator=(const ThreadedNameLookups&) = delete;

  void start(std::uint32_t ipv4) override;
  int fd() const override;
  std::vector<NameAnswer> collect() override;

  struct Shared;

 private:
  std::shared_ptr<Shared> shared_;
};

}  // namespace talk::platform
