#!/usr/bin/env python3
"""Reference numbers for tests/network/test_pytorch_reference.cpp, computed by PyTorch.

Run with Debian's python3-torch (1.13), from the repository root:
  /usr/bin/python3 tests/network/pytorch_reference.py          the perceptron's numbers, printed
                                                                 to be pasted into the test
  /usr/bin/python3 tests/network/pytorch_reference.py --cnn    writes the convolution fixtures,
                                                                 tests/fixtures/torch/conv_layers.txt
                                                                 and cnn_gradient.f64 (below)
  /usr/bin/python3 tests/network/pytorch_reference.py --rnn    writes the recurrent fixtures,
                                                                 tests/fixtures/torch/rnn_layers.txt
Everything is built from closed-form numbers, so the C++ test builds the same networks and data
without a file; the fixtures hold only PyTorch's results. The perceptron:
  network 4 → 5 sigmoid → 4 ReLU → 3, parameters in the course's layout (W¹ row-major
  inputs × units, b¹, W², b², W³, b³); parameter k = 0.4·cos(1.1·k)
  data: 12 samples, x_ij = cos(1.3·i + 0.7·j), label i mod 3, target_ij = sin(0.5·i − j)
  batch b (b = 0, 1, 2) is samples 4b … 4b + 3.
"""
import argparse
import math
import os
import struct

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


# ---- Convolutional networks (--cnn) ------------------------------------------------------------
# Each layer case: a batch x (NCHW) with x[i] = cos(0.37·i + 0.2) over its flat index i; the layer's
# parameters in the course's order (the weight tensor, PyTorch's layout F × C × k × k, then the
# bias) with parameter k = 0.3·cos(1.1·k + 0.5); and J = Σ y ⊙ R with R[i] = sin(0.61·i + 0.3),
# so ∂J/∂y = R. Recorded: y, ∂J/∂x, and for a convolution ∂J/∂weights, ∂J/∂bias.
CONV_CASES = [  # name, (N, C, H, W), filters, kernel, stride, padding
    ("stride1_pad1", (2, 3, 5, 6), 4, 3, 1, 1),
    ("stride2_pad0", (1, 2, 7, 7), 3, 3, 2, 0),
    ("stride2_pad2_k5", (2, 2, 6, 5), 2, 5, 2, 2),
    ("image1x1_k1", (3, 2, 1, 1), 2, 1, 1, 0),
    ("image1x1_k3_pad1", (2, 1, 1, 1), 3, 3, 1, 1),
]
POOL_CASES = [  # name, (N, C, H, W), window, stride
    ("window3_stride2", (2, 2, 7, 7), 3, 2),
    ("window2_stride2", (1, 3, 6, 5), 2, 2),
    ("window3_stride1", (2, 1, 5, 4), 3, 1),
]
# The Adam paper's CNN, c64-c64-c128-1000, on a batch of 3 images of 1 × 16 × 16 (the smallest
# size its three poolings take; 28 × 28 would only lengthen the fully connected layer):
#   conv 64 5×5 pad 2, ReLU, max pool 3×3 stride 2   16 → 7
#   conv 64 5×5 pad 2, ReLU, max pool 3×3 stride 2    7 → 3
#   conv 128 5×5 pad 2, ReLU, max pool 3×3 stride 2   3 → 1
#   flatten, dense 1000, ReLU, dense 10; softmax cross-entropy, labels (3n + 1) mod 10
# without dropout (it draws random numbers). Parameter k of layer l (k counted over the whole
# vector) is √(2/fan-in of l)·cos(1.1·k + 0.5): He's scale, so the activations neither vanish nor
# explode. Input x[i] = cos(0.37·i + 0.2). Recorded: the loss, and the whole gradient in the
# course's order as little-endian float64 (cnn_gradient.f64).
CNN_IMAGE = (3, 1, 16, 16)


def closed_form(count, f):
    return torch.tensor([f(i) for i in range(count)])


def layer_input(shape):
    return closed_form(math.prod(shape), lambda i: math.cos(0.37 * i + 0.2)).reshape(shape)


def upstream(shape):
    return closed_form(math.prod(shape), lambda i: math.sin(0.61 * i + 0.3)).reshape(shape)


def numbers(values):
    return " ".join(f"{v:.17g}" for v in values.reshape(-1).tolist())


def conv_layer_cases():
    lines = []
    for name, shape, filters, kernel, stride, padding in CONV_CASES:
        x = layer_input(shape).requires_grad_()
        w_size = filters * shape[1] * kernel * kernel
        p = closed_form(w_size + filters, lambda k: 0.3 * math.cos(1.1 * k + 0.5))
        w = p[:w_size].reshape(filters, shape[1], kernel, kernel).clone().requires_grad_()
        b = p[w_size:].clone().requires_grad_()
        y = F.conv2d(x, w, b, stride=stride, padding=padding)
        (y * upstream(y.shape)).sum().backward()
        lines += [f"conv2d {name} {' '.join(map(str, shape))} {filters} {kernel} {stride} {padding}",
                  "output " + numbers(y.detach()), "input_gradient " + numbers(x.grad),
                  "weight_gradient " + numbers(w.grad), "bias_gradient " + numbers(b.grad)]
    for name, shape, window, stride in POOL_CASES:
        x = layer_input(shape).requires_grad_()
        y = F.max_pool2d(x, window, stride)
        (y * upstream(y.shape)).sum().backward()
        lines += [f"max_pool2d {name} {' '.join(map(str, shape))} {window} {stride}",
                  "output " + numbers(y.detach()), "input_gradient " + numbers(x.grad)]
    return lines


def cnn_network():
    convolutions = [torch.nn.Conv2d(1, 64, 5, padding=2), torch.nn.Conv2d(64, 64, 5, padding=2),
                    torch.nn.Conv2d(64, 128, 5, padding=2)]
    layers = []
    for conv in convolutions:
        layers += [conv, torch.nn.ReLU(), torch.nn.MaxPool2d(3, 2)]
    dense = [torch.nn.Linear(128, 1000), torch.nn.Linear(1000, 10)]
    layers += [torch.nn.Flatten(), dense[0], torch.nn.ReLU(), dense[1]]
    model = torch.nn.Sequential(*layers)
    at = 0
    with torch.no_grad():
        for module in convolutions + dense:
            fan_in = module.weight[0].numel()
            # The course's order: a convolution's weight as it is; a dense layer's W as inputs ×
            # units, which is PyTorch's weight (units × inputs) transposed; then the bias.
            weight = module.weight if isinstance(module, torch.nn.Conv2d) else module.weight.t()
            for tensor in (weight, module.bias):
                values = closed_form(tensor.numel(), lambda k: math.sqrt(2 / fan_in) * math.cos(1.1 * (at + k) + 0.5))
                tensor.copy_(values.reshape(tensor.shape))
                at += tensor.numel()
    return model, convolutions + dense


def cnn_case():
    model, modules = cnn_network()
    x = layer_input(CNN_IMAGE)
    labels = torch.tensor([(3 * n + 1) % 10 for n in range(CNN_IMAGE[0])])
    loss = F.cross_entropy(model(x), labels)
    loss.backward()
    gradient = []
    for module in modules:
        weight_grad = module.weight.grad if isinstance(module, torch.nn.Conv2d) else module.weight.grad.t()
        gradient += weight_grad.reshape(-1).tolist() + module.bias.grad.tolist()
    return loss.item(), gradient


def write_cnn_fixtures(folder):
    header = ["# PyTorch's results for tests/network/test_pytorch_reference.cpp, written by",
              "# tests/network/pytorch_reference.py --cnn (torch " + torch.__version__ + ", float64); the inputs",
              "# and parameters are closed-form numbers described there. One line per quantity: its name,",
              "# then its numbers in the course's order (NCHW; parameters as the network lays them out)."]
    loss, gradient = cnn_case()
    lines = header + conv_layer_cases() + [f"cnn_loss {loss:.17g}", f"cnn_parameters {len(gradient)}"]
    with open(os.path.join(folder, "conv_layers.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(folder, "cnn_gradient.f64"), "wb") as f:
        f.write(struct.pack(f"<{len(gradient)}d", *gradient))


# ---- Recurrent layers (--rnn) -------------------------------------------------------------------
# Each case: nn.RNN (tanh) or nn.LSTM with batch_first=True on a batch x (N × T × n) with
# x[i] = cos(0.37·i + 0.2) over its flat index i. The course's parameters, k = 0, 1, … in its
# order: W = [W_x; W_h] ((n + H) × G row-major, G = H or 4H, gates i f g o), then b (G), with
# parameter k = 0.3·cos(1.1·k + 0.5). PyTorch's weight_ih and weight_hh are W_xᵀ and W_hᵀ; its two
# biases are b_hh[k] = 0.1·sin(0.9·k) and b_ih = b − b_hh, so that they add up to the course's b
# (and each has the course's ∂J/∂b). J = Σ h_T ⊙ R with R[i] = sin(0.61·i + 0.3), so ∂J/∂h_T = R.
# Recorded: h_T, ∂J/∂x, ∂J/∂W in the course's layout, ∂J/∂b.
RNN_CASES = [  # kind, name, (N, T, n), H
    ("rnn", "batch3_steps5", (3, 5, 4), 6),
    ("rnn", "batch1_steps7", (1, 7, 2), 3),
    ("lstm", "batch3_steps5", (3, 5, 4), 6),
    ("lstm", "batch2_steps1", (2, 1, 3), 4),
    ("lstm", "batch1_steps7", (1, 7, 2), 3),
]


def rnn_layer_cases():
    lines = []
    for kind, name, shape, hidden in RNN_CASES:
        n = shape[2]
        gates = (4 if kind == "lstm" else 1) * hidden
        module = (torch.nn.LSTM if kind == "lstm" else torch.nn.RNN)(n, hidden, batch_first=True)
        p = closed_form((n + hidden) * gates + gates, lambda k: 0.3 * math.cos(1.1 * k + 0.5))
        W = p[:(n + hidden) * gates].reshape(n + hidden, gates)
        b_hh = closed_form(gates, lambda k: 0.1 * math.sin(0.9 * k))
        with torch.no_grad():
            module.weight_ih_l0.copy_(W[:n].t())
            module.weight_hh_l0.copy_(W[n:].t())
            module.bias_ih_l0.copy_(p[(n + hidden) * gates:] - b_hh)
            module.bias_hh_l0.copy_(b_hh)
        x = layer_input(shape).requires_grad_()
        out = module(x)[0][:, -1, :]  # h_T
        (out * upstream(out.shape)).sum().backward()
        assert torch.allclose(module.bias_ih_l0.grad, module.bias_hh_l0.grad, rtol=0, atol=1e-14)
        weight_gradient = torch.cat([module.weight_ih_l0.grad.t(), module.weight_hh_l0.grad.t()])
        lines += [f"{kind} {name} {' '.join(map(str, shape))} {hidden}",
                  "output " + numbers(out.detach()), "input_gradient " + numbers(x.grad),
                  "weight_gradient " + numbers(weight_gradient), "bias_gradient " + numbers(module.bias_ih_l0.grad)]
    return lines


def write_rnn_fixtures(folder):
    header = ["# PyTorch's results for tests/network/test_pytorch_reference.cpp, written by",
              "# tests/network/pytorch_reference.py --rnn (torch " + torch.__version__ + ", float64); the inputs",
              "# and parameters are closed-form numbers described there. A line \"KIND NAME N T n H\" opens a",
              "# case; then one line per quantity: its name, then its numbers in the course's order",
              "# (batch-first; parameters as the network lays them out)."]
    lines = header + rnn_layer_cases()
    with open(os.path.join(folder, "rnn_layers.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cnn", action="store_true", help="write the convolution fixtures")
    parser.add_argument("--rnn", action="store_true", help="write the recurrent fixtures")
    arguments = parser.parse_args()
    fixtures = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "torch")
    torch.set_num_threads(1)
    if arguments.cnn:
        write_cnn_fixtures(fixtures)
    if arguments.rnn:
        write_rnn_fixtures(fixtures)
    if not arguments.cnn and not arguments.rnn:
        main()
