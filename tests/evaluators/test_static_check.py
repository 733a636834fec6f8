"""Static detection of forbidden calls, including the wave-2 name patterns (``*.leaf``)."""

from __future__ import annotations

import pytest

from evaluators.catalog import get_problem
from evaluators.static_check import find_forbidden

CAUGHT = [
    ("rms_norm", "import torch.nn.functional as Fn\ny = Fn.rms_norm(x, (4,))"),
    ("rms_norm", "from torch.nn.functional import rms_norm as rn\ny = rn(x, (4,))"),
    ("rms_norm", "import torch\ny = torch.rms_norm(x, (4,))"),
    ("rms_norm", "from torch import nn\nm = nn.RMSNorm(4)"),
    ("rms_norm", "import torch\nf = getattr(torch.nn.functional, 'rms_norm')"),
    ("flash_attention", "import torch\nt = torch.ops.aten._scaled_dot_product_flash_attention"),
    ("flash_attention", "from torch.nn.attention.flex_attention import flex_attention"),
    ("flash_attention", "import torch.nn.functional as F\nF.scaled_dot_product_attention(q, k, v)"),
    ("focal_loss", "from torchvision.ops import sigmoid_focal_loss"),
    ("label_smoothing_ce", "import torch\ntorch.nn.functional.cross_entropy(a, b)"),
    ("label_smoothing_ce", "from torch import nn\nloss = nn.CrossEntropyLoss()"),
    ("box_iou", "import torchvision\ntorchvision.ops.box_iou(a, b)"),
    ("patch_embed", "y = x.unfold(2, 4, 4)"),
    ("patch_embed", "from torch import nn\nu = nn.Unfold(4, stride=4)"),
    ("patch_embed", "import torch.nn.functional as F\nF.pixel_unshuffle(x, 2)"),
    ("speculative_accept", "import torch"),
    ("adamw_step", "from torch.optim import AdamW"),
    ("dropout", "t = __import__('torch')"),
    ("layer_norm_backward", "import torch.nn.functional as F"),
]
ALLOWED = [
    ("rms_norm", "def rms_norm(x, weight, eps=1e-6):\n    return x * weight"),
    ("label_smoothing_ce", "import torch.nn.functional as F\nF.binary_cross_entropy(a, b)\n"
                           "F.nll_loss(F.log_softmax(x, -1), y)"),
    ("focal_loss", "import torch.nn.functional as F\nF.binary_cross_entropy_with_logits(x, t)"),
    ("box_iou", "def box_iou(a, b):\n    return a\n\ndef generalized_box_iou(a, b):\n"
                "    return box_iou(a, b)"),
    ("flash_attention", "import torch\ns = torch.softmax(q @ k.transpose(-1, -2), -1)"),
    ("patch_embed", "y = x.reshape(1, 2, 3).permute(0, 2, 1)"),
    ("speculative_accept", "import numpy as np\nnp.random.default_rng(0)"),
]


@pytest.mark.parametrize(("problem_id", "source"), CAUGHT)
def test_forbidden_call_is_caught(problem_id: str, source: str) -> None:
    assert find_forbidden(source, get_problem(problem_id).forbidden)


@pytest.mark.parametrize(("problem_id", "source"), ALLOWED)
def test_allowed_building_blocks_are_not_flagged(problem_id: str, source: str) -> None:
    assert find_forbidden(source, get_problem(problem_id).forbidden) == []
