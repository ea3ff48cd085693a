# Clang with LLVM's C++ library (libc++) in place of GCC's (libstdc++): the toolchain of the
# clang-libcxx preset, and of the Catch2 it uses (scripts/build_catch2_v3.sh). Everything C++
# that is linked together must be built against the same C++ library.
set(CMAKE_C_COMPILER clang)
set(CMAKE_CXX_COMPILER clang++)
set(CMAKE_CXX_FLAGS_INIT "-stdlib=libc++")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-stdlib=libc++")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-stdlib=libc++")
