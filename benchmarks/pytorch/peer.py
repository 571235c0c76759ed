#!/usr/bin/python3
"""The PyTorch side of the C#/PyTorch training-step comparison (tests/MultiTaskSharp.Benchmarks, `pytorch`).

A long-lived child process driven over stdin/stdout, one command per line, one reply per line:

    setup MODEL STRATEGY   -> "ready torch=VERSION threads=N batch=B"   (builds model, Adam, one batch; warms up)
    run STEPS              -> "ms TOTAL_MILLISECONDS faults MINOR_PAGE_FAULTS" (STEPS training steps, timed here)
    layers MODEL REPS      -> "layers JSON"   (one round of the layer table, layers.py: {key: [type, fwd ms, bwd ms]})
    set NAME VALUE         -> "set NAME VALUE" (a libtorch setting: mkldnn 0|1, flush_denormal 0|1, threads N)
    quit

MODEL is multilenet (batch 256) or scenenet (batch 32); STRATEGY is
  ew      the declared fixed weights, one backward of sum(w_t * L_t);
  pcgrad  PCGrad (Yu et al. 2020) on the shared trunk's parameters: one torch.autograd.grad per task with
          retain_graph=True, conflicting gradients projected onto each other's normal plane, summed; the
          heads get the gradient of the weighted sum as usual.
Runs with 2 intra-op threads unless --threads says otherwise. Timing excludes the pipe: the driver
compares the numbers this process measures with its own.
"""
import argparse
import json
import random
import sys
import time

import torch

from layers import Profile, minor_faults
from models import MODELS


def ew_step(trunk, heads, weights, losses_fn, optimizer, images, targets):
    optimizer.zero_grad()
    features = trunk(images)
    losses = [fn(head(features), target) for head, fn, target in zip(heads, losses_fn, targets)]
    total = sum(w * l for w, l in zip(weights, losses))
    total.backward()
    optimizer.step()
    return [l.item() for l in losses]


def pcgrad_step(trunk, heads, weights, losses_fn, optimizer, images, targets, shared, rng):
    optimizer.zero_grad()
    features = trunk(images)
    losses = [fn(head(features), target) for head, fn, target in zip(heads, losses_fn, targets)]
    weighted = [w * l for w, l in zip(weights, losses)]
    # One gradient per task over the shared parameters, flattened into a vector.
    grads = []
    for loss in weighted:
        parts = torch.autograd.grad(loss, shared, retain_graph=True)
        grads.append(torch.cat([p.reshape(-1) for p in parts]))
    projected = []
    for i, g in enumerate(grads):
        g = g.clone()
        others = [j for j in range(len(grads)) if j != i]
        rng.shuffle(others)
        for j in others:
            dot = torch.dot(g, grads[j])
            if dot < 0:
                g -= dot / grads[j].pow(2).sum() * grads[j]
        projected.append(g)
    merged = torch.stack(projected).sum(0)
    # Heads: each head's gradient comes from its own loss only, so backward of the weighted sum is exact.
    # The trunk receives the same backward, which is then overwritten with the merged PCGrad gradient.
    sum(weighted).backward()
    offset = 0
    for p in shared:
        n = p.numel()
        p.grad.copy_(merged[offset:offset + n].view_as(p))
        offset += n
    optimizer.step()
    return [l.item() for l in losses]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    step = None
    profiles = {}
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == 'setup':
            model_name, strategy = words[1], words[2]
            build, batch_size = MODELS[model_name]
            trunk, heads, weights, losses_fn, make_batch = build()
            trunk.train()
            heads.train()
            parameters = list(trunk.parameters()) + list(heads.parameters())
            optimizer = torch.optim.Adam(parameters, lr=1e-3)
            images, targets = make_batch(batch_size, torch.Generator().manual_seed(3))
            shared = [p for p in trunk.parameters() if p.requires_grad]
            rng = random.Random(5)
            if strategy == 'ew':
                def step():
                    return ew_step(trunk, heads, weights, losses_fn, optimizer, images, targets)
            elif strategy == 'pcgrad':
                def step():
                    return pcgrad_step(trunk, heads, weights, losses_fn, optimizer, images, targets, shared, rng)
            else:
                raise SystemExit(f'unknown strategy {strategy}')
            for _ in range(10):
                step()
            reply = f'ready torch={torch.__version__} threads={torch.get_num_threads()} batch={batch_size}'
        elif words[0] == 'run':
            steps = int(words[1])
            faults = minor_faults()
            start = time.perf_counter()
            for _ in range(steps):
                step()
            elapsed = (time.perf_counter() - start) * 1000
            reply = f'ms {elapsed:.4f} faults {minor_faults() - faults}'
        elif words[0] == 'layers':
            name, reps = words[1], int(words[2])
            if name not in profiles:
                profiles[name] = Profile(name)
            reply = 'layers ' + json.dumps(profiles[name].round(reps))
        elif words[0] == 'set':
            name, value = words[1], words[2]
            if name == 'mkldnn':
                torch.backends.mkldnn.enabled = value == '1'
            elif name == 'flush_denormal':
                if not torch.set_flush_denormal(value == '1'):
                    raise SystemExit('flush_denormal is not supported on this CPU')
            elif name == 'threads':
                torch.set_num_threads(int(value))
            else:
                raise SystemExit(f'unknown setting {name}')
            reply = f'set {name} {value}'
        elif words[0] == 'quit':
            break
        else:
            reply = f'error unknown command {words[0]}'
        print(reply, flush=True)


if __name__ == '__main__':
    main()
