#!/usr/bin/env python3
"""Reference numbers for tests/network/test_pytorch_reference.cpp, computed by PyTorch.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tests/network/pytorch_reference.py
and paste its output into the test. Everything is built from closed-form numbers, so the C++
test builds the same network and data without a file:
  network 4 → 5 sigmoid → 4 ReLU → 3, parameters in the course's layout (W¹ row-major
  inputs × units, b¹, W², b², W³, b³); parameter k = 0.4·cos(1.1·k)
  data: 12 samples, x_ij = cos(1.3·i + 0.7·j), label i mod 3, target_ij = sin(0.5·i − j)
  batch b (b = 0, 1, 2) is samples 4b … 4b + 3.
"""
import math

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
SIZES = [4, 5, 4, 3]
ACTIVATIONS = [torch.sigmoid, torch.relu, lambda z: z]


def parameters():
    count = sum((SIZES[l] + 1) * SIZES[l + 1] for l in range(3))
    flat = torch.tensor([0.4 * math.cos(1.1 * k) for k in range(count)])
    layers, at = [], 0
    for l in range(3):
        n_in, n_out = SIZES[l], SIZES[l + 1]
        W = flat[at: at + n_in * n_out].reshape(n_in, n_out).clone().requires_grad_()
        at += n_in * n_out
        b = flat[at: at + n_out].clone().requires_grad_()
        at += n_out
        layers.append((W, b))
    return layers


def data():
    x = torch.tensor([[math.cos(1.3 * i + 0.7 * j) for j in range(4)] for i in range(12)])
    labels = torch.tensor([i % 3 for i in range(12)])
    targets = torch.tensor([[math.sin(0.5 * i - j) for j in range(3)] for i in range(12)])
    return x, labels, targets


def forward(layers, x):
    h = x
    for (W, b), act in zip(layers, ACTIVATIONS):
        h = act(h @ W + b)
    return h


def loss_of(kind, out, labels, targets):
    if kind == "ce":
        return F.cross_entropy(out, labels)
    return 0.5 * ((out - targets) ** 2).sum() / out.shape[0]  # mean over samples of ½‖o − y‖²


def flat_grad(layers):
    return torch.cat([t.grad.reshape(-1) for pair in layers for t in pair])


def show(name, values):
    print(f"const std::vector<double> {name} = {{" + ", ".join(f"{v:.17g}" for v in values) + "};")


def main():
    x, labels, targets = data()
    for kind in ("ce", "se"):
        layers = parameters()
        out = forward(layers, x[:4])
        loss = loss_of(kind, out, labels[:4], targets[:4])
        loss.backward()
        if kind == "ce":
            print("// the first batch")
            show("output", out.detach().reshape(-1).tolist())
        show(f"{kind}_loss", [loss.item()])
        show(f"{kind}_gradient", flat_grad(layers).tolist())

    # Three steps of each optimizer on batches 0, 1, 2 with cross-entropy: the loss before
    # each step and after the last. PyTorch's conventions, i.e. the course's options
    # momentum form=sum and eps_placement=outside.
    optimizers = {
        "sgd": lambda p: torch.optim.SGD(p, lr=0.5),
        "momentum_sum": lambda p: torch.optim.SGD(p, lr=0.5, momentum=0.9),
        "adagrad_outside": lambda p: torch.optim.Adagrad(p, lr=0.1, eps=1e-8),
        "rmsprop_outside": lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, eps=1e-6),
        "adam": lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.9, 0.999), eps=1e-8),
    }
    for name, make in optimizers.items():
        layers = parameters()
        optimizer = make([t for pair in layers for t in pair])
        losses = []
        for step in range(3):
            rows = slice(4 * step, 4 * step + 4)
            optimizer.zero_grad()
            loss = loss_of("ce", forward(layers, x[rows]), labels[rows], targets[rows])
            losses.append(loss.item())
            loss.backward()
            optimizer.step()
        with torch.no_grad():
            losses.append(loss_of("ce", forward(layers, x[:4]), labels[:4], targets[:4]).item())
        show(f"{name}_losses", losses)


if __name__ == "__main__":
    main()
