# The two front-door commands (README.md):
#   make run    install what is missing, build, run every chapter, write results/
#   make test   install what is missing, build, run the test suite
# and the student's and maintainer's others:
#   make grade [CH=06]  score your exercises, chapter by chapter; CH=06: one chapter and its failing tests
#   make stub-check     prove every exercise test fails on the untouched stubs
#   make sanitize       build and test with AddressSanitizer + UndefinedBehaviorSanitizer
#   make test-clang     build and test with Clang, libc++ and Catch2 3, in build-clang/
#   make same-bytes     prove the same seed writes the same files with GCC and with Clang + libc++
#   make test-scripts   the tests of the grading and stub-check scripts (slow)
#   make portable       build without -march=native, in build-portable/: programs for any x86-64
#   make lesson-figures copy the figures the lessons show from results/ into chapters/
#   make bench          the performance programs of bench/ (bench/README.md)
SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)
# What the tests need besides the course's packages: pdftotext reads where a PDF figure put its
# text, and a headless browser opens the results index (results/index.html).
TEST_DEPS := poppler-utils chromium

.PHONY: all deps build run test grade stub-check sanitize clang test-clang same-bytes test-scripts portable \
        lesson-figures bench clean

# $(call build-preset,PRESET,DIR): configure DIR once with the CMake preset, then build what changed.
define build-preset
	@[ -f $(2)/CMakeCache.txt ] || cmake --preset $(1)
	@cmake --build --preset $(1) --parallel $(JOBS)
endef

all: build

deps:
	@scripts/install_deps.sh

build: deps
	$(call build-preset,release,build)

run: build
	@scripts/run_chapters.sh build/bin

test: build
	@scripts/install_deps.sh $(TEST_DEPS)
	@ctest --preset release --parallel $(JOBS)

grade: build
	@scripts/grade.sh build $(CH)

stub-check: build
	@scripts/stub_check.sh build

sanitize: deps
	@scripts/install_deps.sh $(TEST_DEPS)
	$(call build-preset,sanitize,build-sanitize)
	@ctest --preset sanitize --parallel $(JOBS)

# Clang and LLVM's libc++, with Catch2 3 built against libc++ from Debian 13's source package.
clang:
	@scripts/install_deps.sh clang libc++-dev libc++abi-dev dpkg-dev $(TEST_DEPS)
	@scripts/build_catch2_v3.sh build-clang/catch2 -DCMAKE_TOOLCHAIN_FILE=$(CURDIR)/cmake/clang-libcxx.cmake
	$(call build-preset,clang-libcxx,build-clang)

test-clang: clang
	@ctest --preset clang-libcxx --parallel $(JOBS)

same-bytes: build clang
	@scripts/same_bytes.sh build/bin build-clang/bin

test-scripts: build
	@ctest --preset scripts --parallel $(JOBS)

portable: deps
	$(call build-preset,portable,build-portable)

lesson-figures: run
	@scripts/lesson_figures.sh

# PyTorch (Debian's python3-torch) is the benchmarks' reference; nothing else needs it.
# PyTorch's fastest setting here is torch.set_num_threads(1) with OPENBLAS_NUM_THREADS=2.
bench: build
	@scripts/install_deps.sh python3-torch
	@OPENBLAS_NUM_THREADS=2 build/bin/bench_optimizer_step
	@echo
	@OPENBLAS_NUM_THREADS=2 build/bin/bench_training
	@# Chapter 09's, where nvcc was found; status 77: no GPU here, which it says (not a failure).
	@if [ -x build/bin/bench_cuda ]; then echo; build/bin/bench_cuda || [ $$? -eq 77 ]; fi

clean:
	rm -rf build build-sanitize build-clang build-portable results
