#!/usr/bin/python3
"""Cross-check of samples/MultiFashion's two-item images against the reference's own steps.

Sener & Koltun's MultiMNIST loader (isl-org/MultiObjectiveOptimization,
multi_task/loaders/multi_mnist_loader.py) builds each image as: a 36x36 float canvas of zeros, the left
item at [0:28, 0:28], the right at [6:34, 6:34], the maximum where they overlap, then
scipy.misc.imresize(canvas, (28, 28), interp='nearest'). scipy.misc.imresize no longer exists (removed in
SciPy 1.3); what it did was toimage() -> bytescale() -> PIL Image.resize(NEAREST), which this script
repeats with NumPy and Pillow.

Usage (after `MultiFashion --export-test DIR`):
    /usr/bin/python3 benchmarks/pytorch/check_multifashion.py DIR [/usr/share/datasets/fashion-mnist]
Exits 0 when every image and label matches, 1 otherwise.
"""
import gzip
import os
import sys

import numpy as np
from PIL import Image


def read_idx(path):
    opener = gzip.open if open(path, 'rb').read(2) == b'\x1f\x8b' else open
    with opener(path, 'rb') as f:
        data = f.read()
    assert data[0] == 0 and data[1] == 0, path
    dtype = {0x08: np.uint8, 0x0C: np.dtype('>i4')}[data[2]]
    rank = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * d:8 + 4 * d], 'big') for d in range(rank))
    return np.frombuffer(data, dtype=dtype, offset=4 + 4 * rank).reshape(shape)


def bytescale(data):
    # scipy.misc.bytescale with its defaults (cmin=min, cmax=max, low=0, high=255), as toimage() calls it.
    cmin, cmax = data.min(), data.max()
    cscale = cmax - cmin
    if cscale == 0:
        cscale = 1
    scale = 255.0 / cscale
    bytedata = (data - cmin) * scale
    return (bytedata.clip(0, 255) + 0.5).astype(np.uint8)


def reference_image(lim, rim):
    new_im = np.zeros((36, 36))
    new_im[0:28, 0:28] = lim
    new_im[6:34, 6:34] = rim
    new_im[6:28, 6:28] = np.maximum(lim[6:28, 6:28], rim[0:22, 0:22])
    image = Image.fromarray(bytescale(new_im), mode='L')
    return np.array(image.resize((28, 28), Image.NEAREST))


def main():
    export = sys.argv[1]
    source = sys.argv[2] if len(sys.argv) > 2 else '/usr/share/datasets/fashion-mnist'
    images = read_idx(os.path.join(export, 'multifashion-t10k-images-idx3-ubyte'))
    left_labels = read_idx(os.path.join(export, 'multifashion-t10k-left-labels-idx1-ubyte'))
    right_labels = read_idx(os.path.join(export, 'multifashion-t10k-right-labels-idx1-ubyte'))
    left_source = read_idx(os.path.join(export, 'multifashion-t10k-left-source-idx1-int'))
    right_source = read_idx(os.path.join(export, 'multifashion-t10k-right-source-idx1-int'))
    items = read_idx(os.path.join(source, 't10k-images-idx3-ubyte.gz'))
    labels = read_idx(os.path.join(source, 't10k-labels-idx1-ubyte.gz'))

    mismatches = 0
    for n in range(len(images)):
        expected = reference_image(items[left_source[n]], items[right_source[n]])
        if not np.array_equal(expected, images[n]):
            mismatches += 1
            if mismatches <= 3:
                diff = np.argwhere(expected != images[n])
                print(f'image {n}: {len(diff)} pixels differ, first at {tuple(diff[0])}: '
                      f'reference {expected[tuple(diff[0])]}, sample {images[n][tuple(diff[0])]}')
    label_errors = int((labels[left_source] != left_labels).sum() + (labels[right_source] != right_labels).sum())
    rescaled = sum(1 for n in range(len(images))
                   if max(items[left_source[n]].max(), items[right_source[n]].max()) not in (0, 255))
    print(f'{len(images)} images: {mismatches} differ from the reference construction; {label_errors} label errors; '
          f'{rescaled} canvases were contrast-stretched by bytescale (max below 255).')
    sys.exit(0 if mismatches == 0 and label_errors == 0 else 1)


if __name__ == '__main__':
    main()
