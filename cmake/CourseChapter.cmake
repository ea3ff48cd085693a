# How a chapter is built. Every chapter's program and tests exist in two variants:
#   solution  (chNN_name,          tests labelled "solutions") built from solutions/NN_name/
#   exercise  (chNN_name_exercise, tests labelled "exercises") built from exercises/NN_name/
# so a student never reconfigures: edit the stub, run `make grade`, run the exercise variant.
# Both variants include the same header names (e.g. "gradient_descent.hpp"); the include
# path decides which file that is. Rules of other chapters always come from solutions/.
#
# The exercise variants are the student's code, half-written most of the time, so they are
# built apart: not by the default target (`make build`, `make test`, `make run` never compile
# them), but by the target exercise_chNN of their chapter, which scripts/grade.sh builds one
# chapter at a time; and with warnings that are not errors.

# Catch2's test discovery: Catch.cmake lies beside Catch2's CMake package, in version 2 and 3.
include(${Catch2_DIR}/Catch.cmake)

# chapters/01_gradient_descent -> "01", "ch01_gradient_descent"
function(course_chapter_names chapter_dir out_number out_program)
  get_filename_component(chapter ${chapter_dir} NAME)
  string(SUBSTRING ${chapter} 0 2 number)
  set(${out_number} ${number} PARENT_SCOPE)
  set(${out_program} ch${chapter} PARENT_SCOPE)
endfunction()

# Put the variant's own folder on the include path, then every other chapter's solution. Never
# this chapter's solution for the exercise: a stub that is missing must be a compiler error,
# not the solution found in its place and graded as the student's.
function(course_use_variant target chapter variant)
  if(variant STREQUAL "exercise")
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/exercises/${chapter})
    target_link_libraries(${target} PRIVATE course_exercise_warnings)
    # The program says that the student's code ran and writes under results/exercise/ (cli.hpp).
    target_compile_definitions(${target} PRIVATE COURSE_EXERCISE_VARIANT)
  else()
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/solutions/${chapter})
    target_link_libraries(${target} PRIVATE course_warnings)
  endif()
  file(GLOB solution_dirs LIST_DIRECTORIES true ${PROJECT_SOURCE_DIR}/solutions/[0-9][0-9]_*)
  list(REMOVE_ITEM solution_dirs ${PROJECT_SOURCE_DIR}/solutions/${chapter})
  target_include_directories(${target} PRIVATE ${solution_dirs})
  target_link_libraries(${target} PRIVATE course::common)
endfunction()

# An exercise target is left out of the default build and added to its chapter's target
# exercise_chNN (and to `exercises`, all of them). The chapters that have one are listed in
# <build>/exercise_chapters.txt for scripts/grade.sh and scripts/stub_check.sh.
function(course_exercise_target target number)
  set_target_properties(${target} PROPERTIES EXCLUDE_FROM_ALL ON)
  if(NOT TARGET exercise_ch${number})
    add_custom_target(exercise_ch${number})
    if(NOT TARGET exercises)
      add_custom_target(exercises)
    endif()
    add_dependencies(exercises exercise_ch${number})
    set_property(GLOBAL APPEND PROPERTY COURSE_EXERCISE_CHAPTERS ch${number})
  endif()
  add_dependencies(exercise_ch${number} ${target})
endfunction()

# The CTest labels of a test say what it is: the variant it checks (solutions, exercises), how
# it runs (unit: in the test program; program: it runs a chapter's program; gpu: it needs an
# NVIDIA GPU), and what it needs, from the Catch2 tags on the test case:
#   [lesson]   compares with a lesson's text (its hand-calculation tables)
#   [torch]    compares with PyTorch's numbers (tests/fixtures/torch/, or PyTorch itself)
#   [dataset]  reads Fashion-MNIST (Debian's dataset-fashion-mnist)
#   [slow]     takes 15 s or more on the 2-core course machine (measured while other builds ran)
set(COURSE_TEST_TAGS lesson torch dataset slow)

# Registers the Catch2 test cases of a test program as CTest tests named PREFIX + test case,
# labelled LABELS and their tags (cmake/CatchTagLabels.cmake), with more PROPERTIES if given.
#   course_discover_tests(target PREFIX "ch01/solution: " LABELS solutions unit [PROPERTIES ...])
function(course_discover_tests target)
  cmake_parse_arguments(ARG "" "PREFIX" "LABELS;PROPERTIES" ${ARGN})
  catch_discover_tests(${target}
    TEST_PREFIX "${ARG_PREFIX}"
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES ${ARG_PROPERTIES})
  set(labels_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels.cmake)
  string(JOIN "," labels ${ARG_LABELS})
  string(JOIN "," tags ${COURSE_TEST_TAGS})
  add_custom_command(TARGET ${target} POST_BUILD
    BYPRODUCTS ${labels_file}
    COMMAND ${CMAKE_COMMAND} -DEXECUTABLE=$<TARGET_FILE:${target}> "-DPREFIX=${ARG_PREFIX}" -DLABELS=${labels}
            -DTAGS=${tags} -DCATCH2_MAJOR=${Catch2_VERSION_MAJOR} -DOUTPUT=${labels_file}
            -P ${PROJECT_SOURCE_DIR}/cmake/CatchTagLabels.cmake
    VERBATIM)
  # CTest reads this after Catch2's list of the tests; until the program is built there is none.
  set(include_file ${CMAKE_CURRENT_BINARY_DIR}/${target}_labels_include.cmake)
  file(WRITE ${include_file} "if(EXISTS \"${labels_file}\")\n  include(\"${labels_file}\")\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${include_file})
endfunction()

# In chapters/NN_name/CMakeLists.txt:  course_chapter_program(SOURCES main.cpp [LIBRARIES ...])
# A chapter without an exercise (08, the experiments) adds SOLUTION_ONLY: one program.
function(course_chapter_program)
  cmake_parse_arguments(ARG "SOLUTION_ONLY" "" "SOURCES;LIBRARIES" ${ARGN})
  get_filename_component(chapter ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  course_chapter_names(${CMAKE_CURRENT_SOURCE_DIR} number program)
  set(variants solution exercise)
  if(ARG_SOLUTION_ONLY)
    set(variants solution)
  endif()
  foreach(variant IN LISTS variants)
    set(target ${program})
    if(variant STREQUAL "exercise")
      set(target ${program}_exercise)
    endif()
    add_executable(${target} ${ARG_SOURCES})
    course_use_variant(${target} ${chapter} ${variant})
    target_link_libraries(${target} PRIVATE ${ARG_LIBRARIES})
    if(variant STREQUAL "exercise")
      course_exercise_target(${target} ${number})
    endif()
  endforeach()
endfunction()

# In tests/NN_name/CMakeLists.txt: tests of the student's code, built against both variants.
#   course_rule_tests(SOURCES test_x.cpp [LIBRARIES ...] [LABELS ...] [PROPERTIES name value ...])
# LABELS are more labels for every test (gpu for chapter 09's); PROPERTIES more CTest
# properties, e.g. SKIP_RETURN_CODE 77 (chapter 09).
function(course_rule_tests)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;LABELS;PROPERTIES" ${ARGN})
  get_filename_component(chapter ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  course_chapter_names(${CMAKE_CURRENT_SOURCE_DIR} number program)
  foreach(variant solution exercise)
    set(target test_${program}_${variant})
    add_executable(${target} ${ARG_SOURCES})
    course_use_variant(${target} ${chapter} ${variant})
    target_link_libraries(${target} PRIVATE course_test_support ${ARG_LIBRARIES})
    course_discover_tests(${target}
      PREFIX "ch${number}/${variant}: "
      LABELS ${variant}s unit ${ARG_LABELS}
      PROPERTIES ${ARG_PROPERTIES})
    if(variant STREQUAL "exercise")
      course_exercise_target(${target} ${number})
    endif()
  endforeach()
endfunction()

# Tests that run the chapter program (command line, files, errors): solution variant only.
#   course_program_tests(SOURCES test_program.cpp [LIBRARIES ...] [LABELS ...] [PROPERTIES name value ...])
function(course_program_tests)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;LABELS;PROPERTIES" ${ARGN})
  get_filename_component(chapter ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  course_chapter_names(${CMAKE_CURRENT_SOURCE_DIR} number program)
  set(target test_${program}_program)
  add_executable(${target} ${ARG_SOURCES})
  course_use_variant(${target} ${chapter} solution)
  target_link_libraries(${target} PRIVATE course_test_support ${ARG_LIBRARIES})
  target_compile_definitions(${target} PRIVATE CHAPTER_PROGRAM="$<TARGET_FILE:${program}>")
  add_dependencies(${target} ${program})
  course_discover_tests(${target}
    PREFIX "ch${number}/program: "
    LABELS solutions program ${ARG_LABELS}
    PROPERTIES ${ARG_PROPERTIES})
endfunction()
