#!/usr/bin/env python3
"""PyTorch's side of bench_cuda, on the GPU (run by build/bin/bench_cuda).

  adam      torch.optim.Adam(fused=True) on one tensor of N floats, each step timed with CUDA
            events after three warm-up steps; prints: seconds_per_step <best>
  training  784 → 5×128 sigmoid → 10 on Fashion-MNIST in eager mode, batch 512, Adam (its
            default, foreach) with lr 1e-3, the data on the GPU; the loss summed on the GPU
            and read once per epoch, as bench_cuda's loop does; prints:
            samples_per_second <best epoch after one warm-up epoch>
"""
import argparse
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from pytorch_training import find, network, read_idx  # the CPU benchmark's reader and network


def adam(n, repeats):
    p = torch.nn.Parameter(torch.linspace(-1, 1, n, device="cuda"))
    p.grad = torch.linspace(1e-3, -1e-3, n, device="cuda")
    optimizer = torch.optim.Adam([p], lr=1e-3, fused=True)
    for _ in range(3):
        optimizer.step()
    start, stop = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    best = math.inf
    for _ in range(repeats):
        start.record()
        optimizer.step()
        stop.record()
        stop.synchronize()
        best = min(best, start.elapsed_time(stop) / 1e3)
    print(f"seconds_per_step {best:.9f}")


def training(data_dir, batch, epochs):
    torch.manual_seed(1)
    images = read_idx(find(data_dir, "train-images-idx3-ubyte"))
    labels = read_idx(find(data_dir, "train-labels-idx1-ubyte"))
    x = torch.from_numpy(images.reshape(len(images), -1).astype(np.float32) / 255).cuda()
    y = torch.from_numpy(labels.astype(np.int64)).cuda()
    model = network("sigmoid").cuda()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    best = math.inf
    for epoch in range(1 + epochs):
        torch.cuda.synchronize()
        start = time.perf_counter()
        order = torch.randperm(len(x), device="cuda")
        total = torch.zeros((), device="cuda")
        for begin in range(0, len(x), batch):
            batch_indices = order[begin: begin + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x[batch_indices]), y[batch_indices])
            loss.backward()
            optimizer.step()
            total += loss.detach() * len(batch_indices)
        total.item()  # waits for the epoch, as bench_cuda reads its loss once per epoch
        if epoch > 0:
            best = min(best, time.perf_counter() - start)
    print(f"samples_per_second {len(x) / best:.1f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["adam", "training"])
    parser.add_argument("--parameters", type=int, default=1 << 27)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--data-dir")
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--epochs", type=int, default=3, help="timed epochs after one warm-up epoch")
    args = parser.parse_args()
    if args.what == "adam":
        adam(args.parameters, args.repeats)
    else:
        training(args.data_dir, args.batch, args.epochs)


if __name__ == "__main__":
    main()
