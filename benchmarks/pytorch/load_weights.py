#!/usr/bin/python3
"""Loads the weights samples/Deploy saved into the same model written in PyTorch, and reproduces TorchSharp's outputs.

SceneModel (samples/SceneNet/SceneModel.cs) is built from models.scene_net()'s layers under the member names the
C# declaration registers (backbone, shape, mask), so its state_dict names are the ones TorchSharp wrote. Both files
are loaded with strict=True: SceneModel.pt with torch.load, SceneModel.safetensors read here by its specification
(8-byte header length, JSON header, raw little-endian data) since python3-safetensors is not installed. Each model
runs in eval mode on the inputs TorchSharp saved (reference.pt) and must give TorchSharp's outputs within 1e-5 of
their magnitude.

Usage (after `dotnet run --project samples/Deploy -c Release -- --out DIR`):
    /usr/bin/python3 benchmarks/pytorch/load_weights.py DIR
Exits 0 when both files reproduce every output, 1 otherwise.
"""
import json
import os
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import scene_net  # noqa: E402

TOLERANCE = 1e-5
DTYPES = {'F32': np.float32, 'F64': np.float64, 'I64': np.int64, 'I32': np.int32, 'U8': np.uint8, 'BOOL': np.bool_}


class SceneModel(nn.Module):
    """samples/SceneNet/SceneModel.cs: [Trunk] backbone, [Head("Shape")] shape, [Head("Mask")] mask."""

    def __init__(self):
        super().__init__()
        trunk, heads, _, _, _ = scene_net()
        self.backbone = trunk
        self.shape = heads[0]
        self.mask = heads[1]

    def forward(self, image):
        features = self.backbone(image)
        return self.shape(features), self.mask(features)


def read_safetensors(path):
    with open(path, 'rb') as f:
        data = f.read()
    (length,) = struct.unpack('<Q', data[:8])
    header = json.loads(data[8:8 + length])
    tensors = {}
    for name, entry in header.items():
        if name == '__metadata__':
            continue
        begin, end = entry['data_offsets']
        array = np.frombuffer(data, dtype=DTYPES[entry['dtype']], count=(end - begin) // np.dtype(DTYPES[entry['dtype']]).itemsize,
                              offset=8 + length + begin)
        tensors[name] = torch.from_numpy(array.copy().reshape(entry['shape']))
    return tensors


def main(folder):
    reference = torch.load(os.path.join(folder, 'reference.pt'))
    ok = True
    for file, load in (('SceneModel.pt', torch.load), ('SceneModel.safetensors', read_safetensors)):
        model = SceneModel()
        state = load(os.path.join(folder, file))
        model.load_state_dict(state, strict=True)  # raises on any missing or unexpected name, or another shape
        model.eval()
        print(f'{file}: {len(state)} tensors loaded into PyTorch {torch.__version__} SceneModel (strict)')
        with torch.no_grad():
            for batch in (1, 256):
                shape, mask = model(reference[f'input.{batch}'])
                for task, output in (('Shape', shape), ('Mask', mask)):
                    expected = reference[f'{task}.{batch}']
                    diff = (output - expected).abs().max().item()
                    scaled = diff / max(1.0, expected.abs().max().item())
                    agree = (output.argmax(1) == reference[f'{task}.class.{batch}']).float().mean().item()
                    good = scaled <= TOLERANCE
                    ok &= good
                    print(f'  batch {batch:3} {task:5}: max |PyTorch - TorchSharp| {diff:.3e} (scaled {scaled:.3e}) '
                          f'{"ok" if good else "TOO LARGE"}; argmax agrees on {agree:.2%}')
    print('PyTorch reproduces TorchSharp' if ok else 'PyTorch DIFFERS from TorchSharp')
    return 0 if ok else 1


if __name__ == '__main__':
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(64)
    sys.exit(main(sys.argv[1]))
