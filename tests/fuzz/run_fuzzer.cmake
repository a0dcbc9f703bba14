# Runs one libFuzzer target for a bounded time on a fresh corpus seeded by the seed writer.
# Fails when the fuzzer finds a crash (or any property violation) or did not run at all.
# -D FUZZER=... SEEDER=... GOLDEN_DIR=... WORK_DIR=... SECONDS=...
foreach(var FUZZER SEEDER GOLDEN_DIR WORK_DIR SECONDS)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_fuzzer.cmake: ${var} is not set")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/seeds" "${WORK_DIR}/corpus")

execute_process(COMMAND "${SEEDER}" "${GOLDEN_DIR}" "${WORK_DIR}/seeds"
                RESULT_VARIABLE seed_result)
if(NOT seed_result EQUAL 0)
  message(FATAL_ERROR "writing the seed corpus failed (${seed_result})")
endif()

execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} -max_len=512 -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 -artifact_prefix=${WORK_DIR}/
          "${WORK_DIR}/corpus" "${WORK_DIR}/seeds"
  WORKING_DIRECTORY "${WORK_DIR}"
  RESULT_VARIABLE fuzz_result
  OUTPUT_VARIABLE fuzz_out ERROR_VARIABLE fuzz_err
  ECHO_OUTPUT_VARIABLE ECHO_ERROR_VARIABLE)
if(NOT fuzz_result EQUAL 0)
  message(FATAL_ERROR "the fuzzer failed (exit ${fuzz_result}); reproducer in ${WORK_DIR}")
endif()
string(REGEX MATCH "stat::number_of_executed_units: ([0-9]+)" executed "${fuzz_err}")
if(NOT CMAKE_MATCH_1 OR CMAKE_MATCH_1 EQUAL 0)
  message(FATAL_ERROR "the fuzzer did not report any executed input")
endif()
message(STATUS "fuzzer ran clean: ${CMAKE_MATCH_1} inputs in ${SECONDS} s")
