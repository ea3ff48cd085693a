#!/usr/bin/python3
"""Reference trajectories from PyTorch, the independent implementation the rules are tested against.

Runs torch.optim's SGD (plain, momentum, Nesterov), Adagrad, RMSprop, Adam, AMSGrad, AdamW,
Adamax and NAdam for 50 steps in float64 on two surfaces of the course (the same definitions
as course::make_surface):

    quadratic   f = 0.1·w1² + 2·w2²               from (-5, -2)
    rosenbrock  f = (1 - w1)² + 100·(w2 - w1²)²   from (-1.2, 1)

and writes one CSV per optimizer and surface, tests/fixtures/torch/<optimizer>_<surface>.csv.

It also runs them under PyTorch's learning-rate schedulers (StepLR, CosineAnnealingLR, a
LambdaLR of 1/sqrt(t + 1), LinearLR as a warm-up, a ChainedScheduler of two) and with
torch.nn.utils.clip_grad_norm_, and writes those as schedule_<case>_<surface>.csv, each
recording the optimizer spec of our registry that must follow it ("# spec = ...").
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
import math
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


# Learning-rate schedules and gradient clipping: (our registry's spec, optimizer, its settings,
# the schedulers made from it, the bound of clip_grad_norm_ or None). The scheduler steps once
# after every optimizer step, as our registry counts its steps.
def chained(*makers):
    return lambda optimizer: torch.optim.lr_scheduler.ChainedScheduler([make(optimizer) for make in makers])


def step_lr(step_size, gamma):
    return lambda optimizer: torch.optim.lr_scheduler.StepLR(optimizer, step_size=step_size, gamma=gamma)


def warm_up(steps):  # from 1/steps of the rate to all of it over the first `steps` steps
    return lambda optimizer: torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1 / steps, total_iters=steps - 1)


SCHEDULED = {
    "step": {
        "quadratic": ("sgd:lr=0.4,schedule=step,step_size=5,decay=0.5", torch.optim.SGD, {"lr": 0.4},
                      step_lr(5, 0.5), None),
        "rosenbrock": ("sgd:lr=0.001,schedule=step,step_size=10,decay=0.5", torch.optim.SGD, {"lr": 0.001},
                       step_lr(10, 0.5), None),
    },
    "cosine": {
        "quadratic": ("adam:lr=0.2,eps=1e-6,schedule=cosine,total=50,lr_min=0.01", torch.optim.Adam, ADAM_QUADRATIC,
                      lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=50, eta_min=0.01), None),
        # Past T_max PyTorch's cosine rises again; the course's stays at lr_min: T_max = the steps.
        "rosenbrock": ("adam:lr=0.05,eps=1e-6,schedule=cosine,total=50", torch.optim.Adam, ADAM_ROSENBROCK,
                       lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=STEPS), None),
    },
    "inverse_sqrt": {
        "quadratic": ("adam:lr=0.2,eps=1e-6,schedule=inverse_sqrt", torch.optim.Adam, ADAM_QUADRATIC,
                      lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda t: 1 / math.sqrt(t + 1)), None),
        "rosenbrock": ("rmsprop:lr=0.01,gamma=0.9,eps=1e-6,eps_placement=outside,schedule=inverse_sqrt",
                       torch.optim.RMSprop, {"lr": 0.01, "alpha": 0.9, "eps": 1e-6},
                       lambda o: torch.optim.lr_scheduler.LambdaLR(o, lambda t: 1 / math.sqrt(t + 1)), None),
    },
    "warmup": {
        "quadratic": ("momentum:lr=0.3,beta=0.5,form=sum,warmup=5", torch.optim.SGD, MOMENTUM_QUADRATIC,
                      warm_up(5), None),
        "rosenbrock": ("sgd:lr=0.001,warmup=4,schedule=step,step_size=10,decay=0.5", torch.optim.SGD, {"lr": 0.001},
                       chained(warm_up(4), step_lr(10, 0.5)), None),
    },
    "clip": {
        "quadratic": ("sgd:lr=0.4,clip_norm=2", torch.optim.SGD, {"lr": 0.4}, None, 2.0),
        "rosenbrock": ("adam:lr=0.05,eps=1e-6,clip_norm=1,schedule=cosine,total=50", torch.optim.Adam, ADAM_ROSENBROCK,
                       lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=50), 1.0),
    },
}


def torch_value(settings, key):
    """settings["betas"][1] for key "betas[1]", settings[key] otherwise."""
    if key.endswith("]"):
        name, index = key[:-1].split("[")
        return settings[name][int(index)]
    return settings[key]


def trajectory(optimizer_class, settings, surface, make_scheduler=None, clip=None):
    """The start and STEPS points after it, each step on autograd's gradient at the current point
    (clipped to a global norm of `clip` when given), the scheduler stepping after the optimizer."""
    w = torch.tensor(surface["start"], dtype=torch.float64, requires_grad=True)
    optimizer = optimizer_class([w], **settings)
    scheduler = make_scheduler(optimizer) if make_scheduler else None
    points = [w.detach().clone()]
    for _ in range(STEPS):
        optimizer.zero_grad()
        surface["f"](w).backward()
        if clip is not None:
            torch.nn.utils.clip_grad_norm_([w], clip)
        optimizer.step()
        if scheduler:
            scheduler.step()
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


def scheduled_text(case, surface_name, spec, points, scheduler_text):
    lines = [
        "# Reference trajectory from PyTorch, written by scripts/torch_reference.py: do not edit;",
        "# regenerate with /usr/bin/python3 scripts/torch_reference.py",
        f"# torch {torch.__version__}, float64, {STEPS} steps, gradient by autograd",
        f"# case: {case}, {scheduler_text}",
        f"# surface: {surface_name}, {SURFACES[surface_name]['formula']}",
        f"# spec = {spec}",
        "step,w1,w2",
    ]
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
    for case, surfaces in SCHEDULED.items():
        for surface_name, (spec, optimizer_class, settings, make_scheduler, clip) in surfaces.items():
            points = trajectory(optimizer_class, settings, SURFACES[surface_name], make_scheduler, clip)
            plain = trajectory(optimizer_class, settings, SURFACES[surface_name])
            gap = max(float((p - q).abs().max()) for p, q in zip(points, plain))
            assert gap > 1e-6, f"the {case} fixture on {surface_name} does not differ from the plain optimizer"
            scheduler = make_scheduler(optimizer_class([torch.zeros(1, requires_grad=True)], **settings)) \
                if make_scheduler else None
            text = (f"{call_text(optimizer_class, settings)}"
                    + (f", scheduler {type(scheduler).__name__}" if scheduler else "")
                    + (f", clip_grad_norm_(max_norm={clip!r})" if clip is not None else ""))
            path = os.path.join(args.out, f"schedule_{case}_{surface_name}.csv")
            with open(path, "w") as out:
                out.write(scheduled_text(case, surface_name, spec, points, text))
            print(f"wrote {path}: {spec}; {gap:.3g} away from the plain optimizer")
    for name, change in (("amsgrad", {"amsgrad": False}), ("adamw", {"weight_decay": 0.0})):
        gap = contrast_gap(name, change)
        print(f"{name} on the quadratic: with {change} the trajectory moves by up to {gap:.3g}")
        assert gap > 1e-6, f"the {name} fixture does not tell {name} from Adam"
    print(f"NAdam on the quadratic: torch {torch.__version__}'s default single-tensor path differs from "
          f"the foreach path by up to {nadam_default_path_gap():.3g} in w over {STEPS} steps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
