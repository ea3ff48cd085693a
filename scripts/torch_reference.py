#!/usr/bin/python3
"""Reference trajectories from PyTorch, the independent implementation the rules are tested against.

Runs torch.optim's SGD (plain, momentum, Nesterov), Adagrad, RMSprop, Adam, AMSGrad, AdamW,
Adamax and NAdam for 50 steps in float64 on two surfaces of the course (the same definitions
as course::make_surface):

    quadratic   f = 0.1·w1² + 2·w2²               from (-5, -2)
    rosenbrock  f = (1 - w1)² + 100·(w2 - w1²)²   from (-1.2, 1)

and writes one CSV per optimizer and surface, tests/fixtures/torch/<optimizer>_<surface>.csv.
The gradient is PyTorch's autograd of f, not our formula. Each file starts with comment lines
(#) recording the torch call and every hyperparameter under the name of our config field
("# param lr = 0.2"), so a test reads its settings from the fixture, never from a copy.

Regenerate (Debian 12: python3-torch, torch 1.13, CPU) from the repository root with
    /usr/bin/python3 scripts/torch_reference.py
The output is deterministic: no randomness, one thread, every number printed with 17
significant digits (repr), so running it again rewrites the same bytes.

NAdam: torch 1.13's default single-tensor path counts μ_t twice in the product μ_1···μ_{t+1}
of its second step size (mu_product_next = mu_product * mu * mu_next); its foreach path and
later releases use mu_product * mu_next, as in Dozat's NAdam. The fixtures use foreach=True.
ADOPT has no implementation in torch 1.13; chapter 07 checks it by a hand calculation.
"""
import argparse
import os
import sys

from typing import Dict, NamedTuple

import torch

STEPS = 50

SURFACES = {
    "quadratic": {
        "formula": "f = 0.1*w1^2 + 2*w2^2",
        "start": (-5.0, -2.0),
        "f": lambda w: 0.1 * w[0] ** 2 + 2.0 * w[1] ** 2,
    },
    "rosenbrock": {
        "formula": "f = (1 - w1)^2 + 100*(w2 - w1^2)^2",
        "start": (-1.2, 1.0),
        "f": lambda w: (1.0 - w[0]) ** 2 + 100.0 * (w[1] - w[0] ** 2) ** 2,
    },
}

class Reference(NamedTuple):
    optimizer: type                  # the torch.optim class
    settings: Dict[str, dict]        # per surface: the keyword arguments of the torch call
    fields: Dict[str, str]           # our config field -> torch keyword ("betas[1]": an element)
    rule: str                        # the update in PyTorch's convention, for the reader


# Learning rates are chosen per surface so that 50 steps neither stall nor diverge. Settings
# the tests must know are written out even where they are PyTorch's defaults (eps, betas).
# Non-default values (eps = 1e-6, weight_decay = 0.1, AMSGrad's beta2 = 0.9) make the
# conventions matter: a rule written in another convention would not agree to 1e-10.
MOMENTUM_QUADRATIC = {"lr": 0.3, "momentum": 0.5}  # source 004's α = 0.6, β = 0.5 in the average form
MOMENTUM_ROSENBROCK = {"lr": 0.0005, "momentum": 0.9}
ADAM_QUADRATIC = {"lr": 0.2, "betas": (0.9, 0.999), "eps": 1e-6}  # source 004, exercise 4
ADAM_ROSENBROCK = {"lr": 0.05, "betas": (0.9, 0.999), "eps": 1e-6}
ADAM_FIELDS = {"lr": "lr", "beta1": "betas[0]", "beta2": "betas[1]", "eps": "eps"}
OPTIMIZERS = {
    "sgd": Reference(
        torch.optim.SGD, {"quadratic": {"lr": 0.4}, "rosenbrock": {"lr": 0.001}}, {"lr": "lr"},
        "w = w - lr*g"),
    "sgd_momentum": Reference(
        torch.optim.SGD, {"quadratic": MOMENTUM_QUADRATIC, "rosenbrock": MOMENTUM_ROSENBROCK},
        {"lr": "lr", "beta": "momentum"},
        "v = beta*v + g (v = g at step 1); w = w - lr*v"),
    "sgd_nesterov": Reference(
        torch.optim.SGD,
        {"quadratic": dict(MOMENTUM_QUADRATIC, nesterov=True),
         "rosenbrock": dict(MOMENTUM_ROSENBROCK, nesterov=True)},
        {"lr": "lr", "beta": "momentum"},
        "v = beta*v + g (v = g at step 1); w = w - lr*(g + beta*v), g taken at w"),
    "adagrad": Reference(
        torch.optim.Adagrad,
        {"quadratic": {"lr": 1.0, "eps": 1e-6}, "rosenbrock": {"lr": 0.1, "eps": 1e-6}},
        {"lr": "lr", "eps": "eps"},
        "G = G + g^2; w = w - lr*g/(sqrt(G) + eps)"),
    "rmsprop": Reference(
        torch.optim.RMSprop,
        {"quadratic": {"lr": 0.3, "alpha": 0.9, "eps": 1e-6},
         "rosenbrock": {"lr": 0.01, "alpha": 0.9, "eps": 1e-6}},
        {"lr": "lr", "gamma": "alpha", "eps": "eps"},
        "S = gamma*S + (1 - gamma)*g^2; w = w - lr*g/(sqrt(S) + eps)"),
    "adam": Reference(
        torch.optim.Adam, {"quadratic": ADAM_QUADRATIC, "rosenbrock": ADAM_ROSENBROCK}, ADAM_FIELDS,
        "m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g^2; "
        "w = w - lr*(m/(1-b1^t))/(sqrt(v/(1-b2^t)) + eps)"),
    "amsgrad": Reference(
        torch.optim.Adam,
        {"quadratic": dict(ADAM_QUADRATIC, betas=(0.9, 0.9), amsgrad=True),
         "rosenbrock": dict(ADAM_ROSENBROCK, betas=(0.9, 0.9), amsgrad=True)},
        ADAM_FIELDS,
        "Adam with v_max = max(v_max, v) in place of v: w = w - lr*(m/(1-b1^t))/(sqrt(v_max/(1-b2^t)) + eps)"),
    "adamw": Reference(
        torch.optim.AdamW,
        {"quadratic": dict(ADAM_QUADRATIC, weight_decay=0.1),
         "rosenbrock": dict(ADAM_ROSENBROCK, weight_decay=0.1)},
        dict(ADAM_FIELDS, weight_decay="weight_decay"),
        "w = w*(1 - lr*weight_decay), then Adam's step"),
    "adamax": Reference(
        torch.optim.Adamax,
        {"quadratic": dict(ADAM_QUADRATIC, eps=1e-8), "rosenbrock": dict(ADAM_ROSENBROCK, eps=1e-8)},
        ADAM_FIELDS,
        "m = b1*m + (1-b1)*g; u = max(b2*u, |g| + eps); w = w - (lr/(1-b1^t))*m/u"),
    "nadam": Reference(
        torch.optim.NAdam,
        {"quadratic": dict(ADAM_QUADRATIC, momentum_decay=4e-3, foreach=True),
         "rosenbrock": dict(ADAM_ROSENBROCK, momentum_decay=4e-3, foreach=True)},
        dict(ADAM_FIELDS, momentum_decay="momentum_decay"),
        "mu_t = b1*(1 - 0.5*0.96^(t*momentum_decay)); P_t = mu_1*...*mu_t; m, v as Adam; "
        "d = sqrt(v/(1-b2^t)) + eps; "
        "w = w - lr*(1-mu_t)/(1-P_t)*g/d - lr*mu_{t+1}/(1-P_t*mu_{t+1})*m/d"),
}


def torch_value(settings, key):
    """settings["betas"][1] for key "betas[1]", settings[key] otherwise."""
    if key.endswith("]"):
        name, index = key[:-1].split("[")
        return settings[name][int(index)]
    return settings[key]


def trajectory(optimizer_class, settings, surface):
    """The start and STEPS points after it, each step on autograd's gradient at the current point."""
    w = torch.tensor(surface["start"], dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([w], **settings)
    points = [w.detach().clone()]
    for _ in range(STEPS):
        optimizer.zero_grad()
        surface["f"](w).backward()
        optimizer.step()
        points.append(w.detach().clone())
    return points


def call_text(optimizer_class, settings):
    arguments = ", ".join(f"{k}={v!r}" for k, v in settings.items())
    return f"torch.optim.{optimizer_class.__name__}([w], {arguments})"


def fixture_text(name, surface_name, reference, points):
    settings = reference.settings[surface_name]
    lines = [
        "# Reference trajectory from PyTorch, written by scripts/torch_reference.py: do not edit;",
        "# regenerate with /usr/bin/python3 scripts/torch_reference.py",
        f"# torch {torch.__version__}, float64, {STEPS} steps, gradient by autograd",
        f"# optimizer: {name}",
        f"# call: {call_text(reference.optimizer, settings)}",
        f"# rule: {reference.rule}",
        f"# surface: {surface_name}, {SURFACES[surface_name]['formula']}",
    ]
    lines += [f"# param {field} = {torch_value(settings, key)!r}" for field, key in reference.fields.items()]
    lines.append("step,w1,w2")
    lines += [f"{k},{p[0].item()!r},{p[1].item()!r}" for k, p in enumerate(points)]
    return "\n".join(lines) + "\n"


def contrast_gap(name, change):
    """How far the quadratic fixture of `name` moves when its settings are changed by `change`:
    proof that the fixture exercises what makes the optimizer differ from plain Adam."""
    reference = OPTIMIZERS[name]
    settings = reference.settings["quadratic"]
    a = trajectory(reference.optimizer, settings, SURFACES["quadratic"])
    b = trajectory(reference.optimizer, dict(settings, **change), SURFACES["quadratic"])
    return max(float((p - q).abs().max()) for p, q in zip(a, b))


def nadam_default_path_gap():
    """How far torch 1.13's default (single-tensor) NAdam drifts from the foreach path."""
    nadam = OPTIMIZERS["nadam"]
    foreach = nadam.settings["quadratic"]
    default = dict(foreach, foreach=False)
    a = trajectory(nadam.optimizer, default, SURFACES["quadratic"])
    b = trajectory(nadam.optimizer, foreach, SURFACES["quadratic"])
    return max(float((p - q).abs().max()) for p, q in zip(a, b))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="tests/fixtures/torch", help="folder for the CSV files")
    args = parser.parse_args()
    torch.set_num_threads(1)
    # float64 everywhere, the optimizers' own state included: NAdam keeps its product of
    # momentum coefficients in a tensor of the default type, float32 unless this is set.
    torch.set_default_dtype(torch.float64)
    os.makedirs(args.out, exist_ok=True)
    for name, reference in OPTIMIZERS.items():
        for surface_name, settings in reference.settings.items():
            points = trajectory(reference.optimizer, settings, SURFACES[surface_name])
            path = os.path.join(args.out, f"{name}_{surface_name}.csv")
            with open(path, "w") as out:
                out.write(fixture_text(name, surface_name, reference, points))
            print(f"wrote {path}: after {STEPS} steps w = ({points[-1][0].item():.6g}, {points[-1][1].item():.6g})")
    for name, change in (("amsgrad", {"amsgrad": False}), ("adamw", {"weight_decay": 0.0})):
        gap = contrast_gap(name, change)
        print(f"{name} on the quadratic: with {change} the trajectory moves by up to {gap:.3g}")
        assert gap > 1e-6, f"the {name} fixture does not tell {name} from Adam"
    print(f"NAdam on the quadratic: torch {torch.__version__}'s default single-tensor path differs from "
          f"the foreach path by up to {nadam_default_path_gap():.3g} in w over {STEPS} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
