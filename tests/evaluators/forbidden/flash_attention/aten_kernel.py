# Reaches for the aten kernel directly.
import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    out = torch.ops.aten._scaled_dot_product_flash_attention_for_cpu(q, k, v, 0.0, causal)
    return out[0]
