#!/usr/bin/env python3
"""PyTorch's side of bench_training: one network trained on Fashion-MNIST, epochs timed.

Run by build/bin/bench_training, which starts this script with the same network, batch size,
optimizer and data as its own run. torch.set_num_threads(1) with OPENBLAS_NUM_THREADS=2 is
PyTorch's fastest setting on the course machine (its threads and OpenBLAS's oversubscribe
otherwise; compare with --threads 2 and OPENBLAS_NUM_THREADS=1). Prints one line:
samples_per_second <best epoch>.
"""
import argparse
import gzip
import os
import time

import numpy as np
import torch
import torch.nn.functional as F


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def find(folder, name):
    for candidate in (name + ".gz", name):
        if os.path.exists(os.path.join(folder, candidate)):
            return os.path.join(folder, candidate)
    raise SystemExit(f"no {name}[.gz] in {folder}")


class Recurrent(torch.nn.Module):
    """nn.RNN (tanh) or nn.LSTM of 128 units over the image's 28 rows, the last hidden state into 10."""

    def __init__(self, kind):
        super().__init__()
        self.recurrent = (torch.nn.LSTM if kind == "lstm" else torch.nn.RNN)(28, 128, batch_first=True)
        self.output = torch.nn.Linear(128, 10)

    def forward(self, x):
        return self.output(self.recurrent(x)[0][:, -1, :])


def network(kind):
    if kind in ("rnn", "lstm"):
        return Recurrent(kind)
    if kind == "cnn":  # the Adam paper's CNN, as common/src/nn/architectures.cpp builds it
        layers = [torch.nn.Dropout(0.2)]
        for c_in, c_out in ((1, 64), (64, 64), (64, 128)):
            layers += [torch.nn.Conv2d(c_in, c_out, 5, padding=2), torch.nn.ReLU(), torch.nn.MaxPool2d(3, 2)]
        layers += [torch.nn.Flatten(), torch.nn.Linear(128 * 2 * 2, 1000), torch.nn.ReLU(), torch.nn.Dropout(0.5),
                   torch.nn.Linear(1000, 10)]
        return torch.nn.Sequential(*layers)
    if kind == "sigmoid":  # source 004, exercise 5: 784 → 5×128 sigmoid → 10
        layers = [torch.nn.Linear(784, 128), torch.nn.Sigmoid()]
        for _ in range(4):
            layers += [torch.nn.Linear(128, 128), torch.nn.Sigmoid()]
        layers.append(torch.nn.Linear(128, 10))
    else:  # the Adam paper's MNIST network: 784 → 1000 → 1000 → 10 ReLU
        layers = [torch.nn.Linear(784, 1000), torch.nn.ReLU(), torch.nn.Linear(1000, 1000), torch.nn.ReLU(),
                  torch.nn.Linear(1000, 10)]
    return torch.nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--network", choices=["sigmoid", "relu", "cnn", "rnn", "lstm"], required=True)
    parser.add_argument("--optimizer", choices=["sgd", "momentum", "adam"], required=True)
    parser.add_argument("--train-size", type=int, default=60000, help="train on the first N images")
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--epochs", type=int, default=2, help="timed epochs after one warm-up epoch")
    parser.add_argument("--threads", type=int, default=1, help="PyTorch's own threads (1 is its fastest here)")
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_flush_denormal(True)  # subnormals as zero, as our training loop does (bench/README.md)
    torch.manual_seed(1)
    images = read_idx(find(args.data_dir, "train-images-idx3-ubyte"))
    labels = read_idx(find(args.data_dir, "train-labels-idx1-ubyte"))
    images, labels = images[:args.train_size], labels[:args.train_size]
    shapes = {"cnn": (len(images), 1, 28, 28), "rnn": (len(images), 28, 28), "lstm": (len(images), 28, 28)}
    shape = shapes.get(args.network, (len(images), -1))
    x = torch.from_numpy(images.reshape(shape).astype(np.float32) / 255)
    y = torch.from_numpy(labels.astype(np.int64))
    model = network(args.network)
    model.train()
    if args.optimizer == "sgd":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    elif args.optimizer == "momentum":
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    else:
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    best = float("inf")
    for epoch in range(1 + args.epochs):
        start = time.perf_counter()
        order = torch.randperm(len(x))
        total = 0.0
        for begin in range(0, len(x), args.batch):
            batch = order[begin: begin + args.batch]
            optimizer.zero_grad(set_to_none=True)
            loss = F.cross_entropy(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)  # the epoch's mean loss, as our loop records it
        seconds = time.perf_counter() - start
        if epoch > 0:
            best = min(best, seconds)
    print(f"samples_per_second {len(x) / best:.1f}")


if __name__ == "__main__":
    main()
