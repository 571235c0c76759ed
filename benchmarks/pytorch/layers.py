"""Layer-by-layer timing of the benchmarked models (peer.py's `layers` and `probe` commands).

Each layer is timed on its own, with an input of the shape it sees inside the model (batch as in the comparison):
  forward   median over REPS calls of layer(x) (training mode: dropout and batch norm as in a training step);
  backward  median over REPS calls of y.backward(g, retain_graph=True) of one forward's output (x requires grad
            except for the model's input, as in a training step; parameter gradients accumulate, as in a step).
The losses, Adam's step and zero_grad are timed the same way. tests/MultiTaskSharp.Benchmarks/LayerProfile.cs does
the same on the C# side with the same keys, so the two tables join on them.
"""
import resource
import time

import torch
import torch.nn.functional as F

from models import MODELS


def _median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def _time(fn, reps):
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return _median(times)


def _layers(trunk, heads, images):
    """(key, type, layer, input) for every layer, trunk first, then each head from the trunk's output."""
    out = []
    x = images
    with torch.no_grad():
        for i, layer in enumerate(trunk):
            out.append((f'trunk[{i}]', type(layer).__name__, layer, x))
            x = layer(x)
        features = x
        for h, head in enumerate(heads):
            x = features
            for i, layer in enumerate(head):
                out.append((f'head{h}[{i}]', type(layer).__name__, layer, x))
                x = layer(x)
    return out


class Profile:
    """One model's layers, losses and optimizer, built once and timed round after round."""

    def __init__(self, model_name):
        build, batch_size = MODELS[model_name]
        torch.manual_seed(1)
        self.trunk, self.heads, self.weights, self.losses_fn, make_batch = build()
        self.trunk.train()
        self.heads.train()
        self.images, self.targets = make_batch(batch_size, torch.Generator().manual_seed(3))
        self.layers = _layers(self.trunk, self.heads, self.images)
        params = list(self.trunk.parameters()) + list(self.heads.parameters())
        self.optimizer = torch.optim.Adam(params, lr=1e-3)
        self.params = params

    def round(self, reps):
        rows = {}
        for key, kind, layer, x in self.layers:
            first = key == 'trunk[0]'
            xi = x if first else x.detach().clone().requires_grad_(True)
            fwd = _time(lambda: layer(xi), reps)
            y = layer(xi)
            g = torch.randn_like(y)
            bwd = _time(lambda: y.backward(g, retain_graph=True), reps)
            rows[key] = (kind, fwd, bwd)
        with torch.no_grad():
            features = self.trunk(self.images)
            logits = [head(features) for head in self.heads]
        for t, (fn, target, z) in enumerate(zip(self.losses_fn, self.targets, logits)):
            zi = z.detach().clone().requires_grad_(True)
            fwd = _time(lambda: fn(zi, target), reps)
            loss = fn(zi, target)
            bwd = _time(lambda: loss.backward(retain_graph=True), reps)
            rows[f'loss{t}'] = ('CrossEntropy', fwd, bwd)
        for p in self.params:
            p.grad = torch.randn_like(p) * 1e-3
        rows['adam'] = ('Adam.step', _time(self.optimizer.step, reps), 0.0)
        rows['zero_grad'] = ('zero_grad', _time(self.optimizer.zero_grad, reps), 0.0)
        return rows


def minor_faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
