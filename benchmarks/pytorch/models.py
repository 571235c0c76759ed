"""The benchmarked models, written the way a PyTorch user writes them by hand.

multi_lenet(): samples/MultiFashion/MultiLeNet.cs (Sener & Koltun's MultiLeNet): a LeNet trunk shared by
two 10-class heads, loss CE(left) + CE(right).
scene_net(): samples/SceneNet/SceneModel.cs: conv backbone, shape classifier, mask head, loss
CE(shape) + 0.5 * pixel CE(mask).
Each returns (trunk, heads, weights, make_batch) so the training steps in peer.py stay generic.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


def multi_lenet():
    trunk = nn.Sequential(
        nn.Conv2d(1, 10, 5), nn.MaxPool2d(2), nn.ReLU(),
        nn.Conv2d(10, 20, 5), nn.Dropout2d(0.5), nn.MaxPool2d(2), nn.ReLU(),
        nn.Flatten(), nn.Linear(320, 50), nn.ReLU())

    def head():
        return nn.Sequential(nn.Linear(50, 50), nn.ReLU(), nn.Dropout(0.5), nn.Linear(50, 10))

    heads = nn.ModuleList([head(), head()])

    def make_batch(batch_size, generator):
        images = torch.randn(batch_size, 1, 28, 28, generator=generator)
        left = torch.randint(0, 10, (batch_size,), generator=generator)
        right = torch.randint(0, 10, (batch_size,), generator=generator)
        return images, [left, right]

    return trunk, heads, [1.0, 1.0], [F.cross_entropy, F.cross_entropy], make_batch


def scene_net():
    trunk = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU())
    shape = nn.Sequential(
        nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(64, 4))
    mask = nn.Sequential(
        nn.ConvTranspose2d(64, 32, 2, stride=2), nn.ReLU(),
        nn.ConvTranspose2d(32, 16, 2, stride=2), nn.ReLU(),
        nn.Conv2d(16, 2, 1))
    heads = nn.ModuleList([shape, mask])

    def make_batch(batch_size, generator):
        images = torch.randn(batch_size, 1, 32, 32, generator=generator)
        classes = torch.randint(0, 4, (batch_size,), generator=generator)
        masks = torch.randint(0, 2, (batch_size, 32, 32), generator=generator)
        return images, [classes, masks]

    # F.cross_entropy takes [N, C, H, W] logits with [N, H, W] targets: the pixel loss is the same call.
    return trunk, heads, [1.0, 0.5], [F.cross_entropy, F.cross_entropy], make_batch


MODELS = {'multilenet': (multi_lenet, 256), 'scenenet': (scene_net, 32)}
