# Run after a test program is built (cmake -P, from course_discover_tests in
# CourseChapter.cmake): the Catch2 tags that say what a test needs become CTest labels, so that
# `ctest -L lesson` selects the tests that read a lesson. Catch2's own discovery gives every test
# of the program; this writes a CTest file that gives each one its labels: the program's
# (LABELS) and those of its tags among TAGS. Catch2 2 and 3 list the tests with a tag differently.
#   -D EXECUTABLE=path -D PREFIX=name_prefix -D LABELS=label,label -D CATCH2_MAJOR=2|3
#   -D TAGS=tag,tag -D OUTPUT=file
cmake_minimum_required(VERSION 3.21)  # run with -P: the policies of the project
string(REPLACE "," ";" labels "${LABELS}")
string(REPLACE "," ";" tags "${TAGS}")
if(CATCH2_MAJOR EQUAL 2)
  set(list_options --list-test-names-only)
else()
  set(list_options --list-tests --verbosity quiet)
endif()

# Every test of the program, then those of each tag.
function(list_tests spec out)
  # Catch2 2 returns the number of tests listed as its exit status; 3 returns 0.
  execute_process(COMMAND "${EXECUTABLE}" ${spec} ${list_options} OUTPUT_VARIABLE listed RESULT_VARIABLE status)
  if(NOT status MATCHES "^[0-9]+$")
    message(FATAL_ERROR "${EXECUTABLE} could not list its tests ${spec}: ${status}")
  endif()
  string(REPLACE "\n" ";" listed "${listed}")
  list(FILTER listed EXCLUDE REGEX "^$")
  set(${out} "${listed}" PARENT_SCOPE)
endfunction()

list_tests("" tests)
foreach(name IN LISTS tests)
  string(MD5 key "${name}")
  set(labels_${key} ${labels})
endforeach()
foreach(tag IN LISTS tags)
  list_tests("[${tag}]" tagged)
  foreach(name IN LISTS tagged)
    string(MD5 key "${name}")
    list(APPEND labels_${key} ${tag})
  endforeach()
endforeach()

set(script "")
foreach(name IN LISTS tests)
  string(MD5 key "${name}")
  string(JOIN ";" test_labels ${labels_${key}})
  string(APPEND script "set_tests_properties([==[${PREFIX}${name}]==] PROPERTIES LABELS \"${test_labels}\")\n")
endforeach()
file(WRITE "${OUTPUT}" "${script}")
