#!/usr/bin/env python3
"""PyTorch's side of bench_optimizer_step: one torch.optim.Adam step over N float parameters.

Times the step (after two warm-up steps) with the single-tensor and the foreach
implementation and one or two threads, and prints the fastest: seconds_per_step <best>.
"""
import argparse
import time

import torch


def best_step(n, foreach, threads, repeats):
    torch.set_num_threads(threads)
    w = torch.nn.Parameter(torch.linspace(-1, 1, n))
    w.grad = torch.linspace(1e-3, -1e-3, n)
    optimizer = torch.optim.Adam([w], lr=1e-3, foreach=foreach)
    for _ in range(2):
        optimizer.step()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        optimizer.step()
        best = min(best, time.perf_counter() - start)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--parameters", type=int, required=True)
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args()
    times = {(foreach, threads): best_step(args.parameters, foreach, threads, args.repeats)
             for foreach in (False, True) for threads in (1, 2)}
    (foreach, threads), best = min(times.items(), key=lambda item: item[1])
    print(f"setting foreach={foreach},threads={threads}")
    print(f"seconds_per_step {best:.6f}")


if __name__ == "__main__":
    main()
