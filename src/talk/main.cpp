// talk's entry point: parses the command line and runs a conversation.
#include <cstdio>
#include <cstring>

#include "talk_config.hpp"

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("talk (talk-ng) %s\n", TALK_NG_VERSION);
    return 0;
  }
  std::fprintf(stderr, "talk: not implemented yet\n");
  return 1;
}
