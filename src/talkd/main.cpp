// talkd's entry point: parses options and runs the daemon.
#include <cstdio>
#include <cstring>

#include "talk_config.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("talkd (talk-ng) %s\n", TALK_NG_VERSION);
    return 0;
  }
  std::fprintf(stderr, "talkd: not implemented yet\n");
  return 1;
}
