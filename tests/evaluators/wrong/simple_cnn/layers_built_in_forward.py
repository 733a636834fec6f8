# expect: parameter
# Creates the layers inside forward, so they are never registered and nothing can train.
import torch.nn as nn
import torch.nn.functional as F


class SimpleCNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.num_classes = num_classes

    def forward(self, x):
        x = F.max_pool2d(F.relu(nn.Conv2d(1, 16, 3, padding=1)(x)), 2)
        x = F.max_pool2d(F.relu(nn.Conv2d(16, 32, 3, padding=1)(x)), 2)
        return nn.Linear(32 * 7 * 7, self.num_classes)(x.flatten(1))
