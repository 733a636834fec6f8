"""Topics a candidate browses by: a small named vocabulary over the knowledge base's tags.

The bank carries several hundred fine-grained tags ("kv-cache", "rmsnorm", "label-smoothing");
nobody browses by those, and a tag is an id, not a name. A :class:`Topic` groups tags under a
name in both languages ("注意力与 Transformer"); an entry belongs to every topic one of its tags
is in. The report's per-topic scores use the same topics, so the review radar is named, not
tagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    zh: str
    en: str
    tags: frozenset[str]

    def name(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


def _topic(key: str, zh: str, en: str, tags: str) -> Topic:
    return Topic(key, zh, en, frozenset(tags.split()))


TOPICS: tuple[Topic, ...] = (
    _topic("attention", "注意力与 Transformer", "Attention & Transformers",
           "attention transformer position-encoding positional-encoding rope rope-scaling yarn "
           "alibi flash-attention mqa gqa sliding-window-attention ffn glu swiglu geglu"),
    _topic("llm", "大模型基础", "LLM fundamentals",
           "llm pretraining long-context tokenization bpe language-modeling causal-lm mlm "
           "span-corruption llama moe mixture-of-experts in-context-learning prompting "
           "chain-of-thought llm-applications"),
    _topic("alignment", "对齐与强化学习", "Alignment & RL",
           "alignment rlhf ppo dpo grpo rlvr reinforcement-learning policy-gradient "
           "actor-critic reinforce mdp bellman-equation value-function reward-model"),
    _topic("fine-tuning", "微调与 PEFT", "Fine-tuning & PEFT",
           "fine-tuning peft lora qlora adapter prompt-tuning prefix-tuning "
           "knowledge-distillation teacher-student"),
    _topic("inference", "推理、解码与部署", "Inference, decoding & serving",
           "inference decoding sampling beam-search top-k temperature speculative-decoding "
           "kv-cache llm-serving paged-attention vllm continuous-batching quantization gptq awq "
           "smoothquant int8 int4 model-compression"),
    _topic("vision", "计算机视觉", "Computer vision",
           "computer-vision cnn convolution vit object-detection segmentation iou nms map "
           "medical-imaging face-recognition multimodal nnunet"),
    _topic("optimization", "训练与优化", "Training & optimization",
           "optimization sgd adam adamw training learning-rate lr-schedule warmup weight-decay "
           "initialization xavier kaiming training-stability gradient-checkpointing "
           "backpropagation chain-rule autograd gradients vanishing-gradient"),
    _topic("normalization", "归一化", "Normalization",
           "normalization batchnorm layernorm rmsnorm pre-norm post-norm"),
    _topic("generalization", "正则化与泛化", "Regularization & generalization",
           "regularization dropout overfitting underfitting bias-variance generalization "
           "label-smoothing model-complexity"),
    _topic("losses", "损失函数", "Loss functions",
           "loss loss-function cross-entropy focal-loss softmax sigmoid infonce "
           "contrastive-learning metric-learning class-imbalance maximum-likelihood"),
    _topic("classic-ml", "传统机器学习", "Classic machine learning",
           "classic-ml tree-models logistic-regression linear-regression linear-model "
           "clustering kmeans naive-bayes knn ensemble unsupervised bayesian"),
    _topic("recsys", "推荐与检索", "Recommendation & retrieval",
           "recommendation ctr ranking feature-interaction retrieval vector-search ann faiss"),
    _topic("evaluation", "评估与实验方法", "Evaluation & experiments",
           "evaluation research-methodology experiment-design calibration statistics ablation "
           "benchmarks perplexity llm-as-a-judge contamination cross-validation "
           "model-selection uncertainty"),
    _topic("generative", "生成模型", "Generative models",
           "diffusion ddpm generative-models generative-model"),
    _topic("sequence", "序列模型", "Sequence models", "rnn lstm gru sequence-models sequence-model"),
    _topic("numerics", "数值计算与 PyTorch", "Numerics & PyTorch",
           "numpy pytorch numerical-stability python memory"),
)
BY_KEY = {topic.key: topic for topic in TOPICS}


def topics_of(tags: Iterable[str]) -> list[str]:
    """The topic keys an entry with these tags belongs to, in vocabulary order."""
    own = set(tags)
    return [topic.key for topic in TOPICS if topic.tags & own]


def primary_topic(tags: Sequence[str]) -> str | None:
    """The topic of an entry's first tag that has one (its main subject), else any topic."""
    for tag in tags:
        for topic in TOPICS:
            if tag in topic.tags:
                return topic.key
    return None


def in_topic(tags: Iterable[str], key: str) -> bool:
    topic = BY_KEY.get(key)
    return topic is not None and bool(topic.tags & set(tags))
