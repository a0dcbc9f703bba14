// UniqueFd: closing, kept out of the header so only platform code includes <unistd.h>.
#include "platform/unique_fd.hpp"

#include <unistd.h>

namespace talk::platform {

void UniqueFd::reset(int fd) {
  if (fd_ >= 0 && fd_ != fd) ::close(fd_);
  fd_ = fd;
}

}  // namespace talk::platform
