// Catch2 2's main(), compiled once for every test program (Catch2 3 brings its own: Catch2WithMain).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
