# How a chapter is built. Every chapter's program and tests exist in two variants:
#   solution  (chNN_name,          tests labelled "solutions") built from solutions/NN_name/
#   exercise  (chNN_name_exercise, tests labelled "exercises") built from exercises/NN_name/
# so a student never reconfigures: edit the stub, rebuild, run the exercise variant.
# Both variants include the same header names (e.g. "gradient_descent.hpp"); the include
# path decides which file that is. Rules of other chapters always come from solutions/.

include(${Catch2_DIR}/Catch.cmake)

# chapters/01_gradient_descent -> "01", "ch01_gradient_descent"
function(course_chapter_names chapter_dir out_number out_program)
  get_filename_component(chapter ${chapter_dir} NAME)
  string(SUBSTRING ${chapter} 0 2 number)
  set(${out_number} ${number} PARENT_SCOPE)
  set(${out_program} ch${chapter} PARENT_SCOPE)
endfunction()

# Put the variant's own folder first on the include path, then every chapter's solution.
function(course_use_variant target chapter variant)
  if(variant STREQUAL "exercise")
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/exercises/${chapter})
  else()
    target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR}/solutions/${chapter})
  endif()
  file(GLOB solution_dirs LIST_DIRECTORIES true ${PROJECT_SOURCE_DIR}/solutions/[0-9][0-9]_*)
  target_include_directories(${target} PRIVATE ${solution_dirs})
  target_link_libraries(${target} PRIVATE course::common course_warnings)
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
  endforeach()
endfunction()

# In tests/NN_name/CMakeLists.txt: tests of the student's code, built against both variants.
#   course_rule_tests(SOURCES test_x.cpp [LIBRARIES ...] [PROPERTIES name value ...])
# PROPERTIES are more CTest properties for every test, e.g. SKIP_RETURN_CODE 77 (chapter 09).
function(course_rule_tests)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;PROPERTIES" ${ARGN})
  get_filename_component(chapter ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  course_chapter_names(${CMAKE_CURRENT_SOURCE_DIR} number program)
  foreach(variant solution exercise)
    set(target test_${program}_${variant})
    add_executable(${target} ${ARG_SOURCES})
    course_use_variant(${target} ${chapter} ${variant})
    target_link_libraries(${target} PRIVATE course_test_support ${ARG_LIBRARIES})
    catch_discover_tests(${target}
      TEST_PREFIX "ch${number}/${variant}: "
      WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
      PROPERTIES LABELS ${variant}s ${ARG_PROPERTIES})
  endforeach()
endfunction()

# Tests that run the chapter program (command line, files, errors): solution variant only.
#   course_program_tests(SOURCES test_program.cpp [LIBRARIES ...] [PROPERTIES name value ...])
function(course_program_tests)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES;PROPERTIES" ${ARGN})
  get_filename_component(chapter ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  course_chapter_names(${CMAKE_CURRENT_SOURCE_DIR} number program)
  set(target test_${program}_program)
  add_executable(${target} ${ARG_SOURCES})
  course_use_variant(${target} ${chapter} solution)
  target_link_libraries(${target} PRIVATE course_test_support ${ARG_LIBRARIES})
  target_compile_definitions(${target} PRIVATE CHAPTER_PROGRAM="$<TARGET_FILE:${program}>")
  add_dependencies(${target} ${program})
  catch_discover_tests(${target}
    TEST_PREFIX "ch${number}/program: "
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    PROPERTIES LABELS solutions ${ARG_PROPERTIES})
endfunction()
