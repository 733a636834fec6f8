# expect: cannot be multiplied
# Miscomputes the flattened size: without padding the map is 5x5, not 7x7.
import torch.nn as nn


class SimpleCNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.head = nn.Linear(64 * 7 * 7, num_classes)

    def forward(self, x):
        return self.head(self.body(x).flatten(1))
