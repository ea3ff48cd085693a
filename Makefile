# The two front-door commands (README.md):
#   make run    install what is missing, build, run every chapter, write results/
#   make test   install what is missing, build, run the test suite
# and the student's and maintainer's others:
#   make grade       score your exercises, chapter by chapter
#   make stub-check  prove every exercise test fails on the untouched stubs
#   make sanitize    build and test with AddressSanitizer + UndefinedBehaviorSanitizer
#   make lesson-figures  copy the figures the lessons show from results/ into chapters/
#   make bench       the performance programs of bench/ (bench/README.md)
SHELL := /bin/bash
MAKEFLAGS += --no-print-directory
JOBS ?= $(shell nproc)

.PHONY: all deps build run test grade stub-check sanitize lesson-figures bench clean

all: build

deps:
	@scripts/install_deps.sh

build: deps
	@[ -f build/CMakeCache.txt ] || cmake --preset release
	@cmake --build --preset release --parallel $(JOBS)

run: build
	@scripts/run_chapters.sh build/bin

test: build
	@ctest --preset release --parallel $(JOBS)

grade: build
	@scripts/grade.sh build

stub-check: build
	@scripts/stub_check.sh build

sanitize: deps
	@[ -f build-sanitize/CMakeCache.txt ] || cmake --preset sanitize
	@cmake --build --preset sanitize --parallel $(JOBS)
	@ctest --preset sanitize --parallel $(JOBS)

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
	rm -rf build build-sanitize results
