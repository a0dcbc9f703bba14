# Compiler warning flags shared by every target of the project.
# The set: -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
# -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough.
# TALK_WERROR (on in every preset CI uses) turns them into errors.
function(talk_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wformat=2 -Wimplicit-fallthrough)
  if(TALK_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
