"""Curated ML vocabulary for claim extraction: models, algorithms, techniques, tools.

Each entry is (display_en, display_zh or "", regex, category, case_sensitive). ASCII patterns are
wrapped in alphanumeric boundaries, so "AP" does not fire inside "mAP" and "SAM" not inside
"SAMPLE"; short acronyms that are also words (RAG, DIN, Ray, SAM, SE) are case sensitive. The
display is the Chinese one when the résumé used the Chinese surface form, so "知识蒸馏" stays
Chinese and "knowledge distillation" English while both dedupe to one entry.

Categories matter for ``only_existing_model``: a *model* is something one can download and use
as is (YOLOv8, BERT, Qwen); a *technique* (LoRA, distillation, DPO, hard negative mining) adapts
or changes it, so its presence clears the flag; *practices* (prompt engineering, ensembling,
cross-validation, mixed precision) and *tools* do not. A display of "*" means "show the surface
form": versions matter for models (YOLOv5 vs YOLOv8) and for named modules (CBAM, SIoU).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Category = Literal["model", "algorithm", "technique", "practice", "tool"]

_V = r"(?:[\s-]?v?\d+(?:\.\d+)?)?"  # optional version: v8, -2, 2.5, V3
_SIZE = r"(?:[\s-]?\d+(?:\.\d+)?[BbMm])?"  # optional parameter count: -7B, 13B

_MODELS: list[tuple[str, str, str, bool]] = [
    ("YOLO", "", r"YOLO(?:v\d+|X|\d+)?(?:-?(?:tiny|nano|[nsmlx]))?", False),
    ("Faster R-CNN", "", r"Faster[\s-]?R-?CNN", False),
    ("Mask R-CNN", "", r"Mask[\s-]?R-?CNN", False),
    ("Cascade R-CNN", "", r"Cascade[\s-]?R-?CNN", False),
    ("RetinaNet", "", r"RetinaNet", False), ("RetinaFace", "", r"RetinaFace", False),
    ("SSD", "", r"SSD", True), ("DETR", "", r"(?:Deformable[\s-])?DETR", True),
    ("nnU-Net", "", r"nnU-?Net", False), ("U-Net", "", r"U-?Net(?:\+\+)?", False),
    ("ResNet", "", r"ResNe(?:Xt|t)(?:-?\d+)?", False), ("VGG", "", r"VGG(?:-?\d+)?", False),
    ("ViT", "", r"ViT(?:-[BLHSG](?:/\d+)?)?", True),
    ("Swin Transformer", "", r"Swin(?:[\s-]Transformer)?(?:[\s-]?V2)?", False),
    ("EfficientNet", "", r"EfficientNet(?:-?B\d)?", False),
    ("MobileNet", "", r"MobileNet(?:-?V\d)?", False),
    ("DenseNet", "", r"DenseNet(?:-?\d+)?", False),
    ("ConvNeXt", "", r"ConvNeXt(?:-?V2)?", False), ("HRNet", "", r"HRNet", False),
    ("DeepLab", "", r"DeepLab(?:[\s-]?v3\+?)?", False), ("PSPNet", "", r"PSPNet", False),
    ("SAM", "", r"SAM|Segment Anything", True), ("CLIP", "", r"CLIP", True),
    ("BLIP", "", r"BLIP(?:-?2)?", True), ("LLaVA", "", r"LLaVA" + _V, False),
    ("Qwen", "通义千问", r"Qwen" + _V + r"(?:-VL)?" + _SIZE + "|通义千问", False),
    ("LLaMA", "", r"LLaMA" + _V + _SIZE, False), ("ChatGLM", "", r"ChatGLM\d?" + _SIZE, False),
    ("Baichuan", "百川", r"Baichuan\d?" + _SIZE, False),
    ("DeepSeek", "", r"DeepSeek(?:-[RV]\d)?", False),
    ("GPT", "", r"GPT-?(?:\d(?:\.\d)?o?|J|NeoX)|ChatGPT", False),
    ("InternLM", "", r"InternLM\d?", False),
    ("Mistral", "", r"Mistral|Mixtral", False), ("Gemma", "", r"Gemma\d?", False),
    ("BERT", "", r"BERT", True),
    ("RoBERTa", "", r"RoBERTa", False),
    ("DeBERTa", "", r"DeBERTa", False),
    ("TinyBERT", "", r"TinyBERT", False), ("DistilBERT", "", r"DistilBERT", False),
    ("MacBERT", "", r"MacBERT", False), ("ALBERT", "", r"ALBERT", True),
    ("ELECTRA", "", r"ELECTRA", True), ("MiniLM", "", r"MiniLM(?:-?L\d+)?", False),
    ("ERNIE", "", r"ERNIE", True), ("T5", "", r"T5", True), ("BART", "", r"BART", True),
    ("Sentence-BERT", "", r"Sentence-?BERT|SBERT", False),
    ("BGE", "", r"bge(?:-m3|-large)?", False),
    ("Cross-Encoder", "", r"Cross-?Encoder", False),
    ("LayoutLM", "", r"LayoutLM(?:v\d)?", False),
    ("Whisper", "", r"Whisper", True), ("wav2vec 2.0", "", r"wav2vec\s?2(?:\.0)?", False),
    ("Conformer", "", r"Conformer", False),
    ("Stable Diffusion", "", r"Stable[\s-]Diffusion", False),
    ("DDPM", "", r"DDPM|DDIM", True), ("StyleGAN", "", r"StyleGAN\d?|CycleGAN", False),
    ("TextCNN", "", r"TextCNN", False),
    ("LSTM", "", r"(?:Bi-?)?LSTM", False),
    ("GRU", "", r"GRU", True),
    ("DeepFM", "", r"DeepFM", False),
    ("DCN", "", r"DCN(?:-?v2)?", True),
    ("DIN", "", r"DIN|DIEN", True),
    ("Wide&Deep", "", r"Wide\s?&\s?Deep", False), ("MMoE", "", r"MMoE|PLE|ESMM", True),
    ("GCN", "", r"GCN|GAT|GraphSAGE", True), ("ArcFace", "", r"ArcFace|FaceNet", False),
    ("PointNet", "", r"PointNet(?:\+\+)?", False),
    ("Transformer", "", r"Transformers?", False),
]

_ALGORITHMS: list[tuple[str, str, str, bool]] = [
    ("XGBoost", "", r"XGBoost", False), ("LightGBM", "", r"LightGBM|LGBM", False),
    ("CatBoost", "", r"CatBoost", False), ("GBDT", "", r"GBDT", True),
    ("random forest", "随机森林", r"random forests?|随机森林", False),
    ("logistic regression", "逻辑回归", r"logistic regression|逻辑回归", False),
    ("SVM", "支持向量机", r"SVM|支持向量机", False), ("CRF", "条件随机场", r"CRF|条件随机场", True),
    ("K-means", "", r"K-?means", False), ("BM25", "", r"BM25|TF-IDF", False),
    ("Word2Vec", "", r"Word2Vec", False), ("MinHash", "", r"MinHash", False),
    ("collaborative filtering", "协同过滤", r"collaborative filtering|协同过滤", False),
    ("MCTS", "蒙特卡洛树搜索", r"MCTS|蒙特卡洛树搜索", False),
]

_TECHNIQUES: list[tuple[str, str, str, bool]] = [
    ("LoRA", "", r"Q?LoRA", False),
    ("P-Tuning", "", r"P-?Tuning(?:\s?v2)?|Prefix[\s-]Tuning", False),
    ("RLHF", "", r"RLHF", True), ("DPO", "", r"DPO", True), ("PPO", "", r"PPO", True),
    ("GRPO", "", r"GRPO", True), ("SFT", "指令微调", r"SFT|指令微调|instruction[\s-]tuning", False),
    ("RAG", "检索增强生成", r"RAG|检索增强(?:生成)?|(?i:retrieval[\s-]augmented)", True),
    ("knowledge distillation", "知识蒸馏",
     r"(?:knowledge )?distillation|(?:知识|模型)?蒸馏", False),
    ("pruning", "剪枝", r"(?:token[\s-])?pruning|剪枝", False),
    ("quantization", "量化", r"quantization|(?:INT8|INT4|FP16)\s?量化|量化", False),
    ("data augmentation", "数据增强", r"data augmentation|数据增强", False),
    ("contrastive learning", "对比学习", r"contrastive learning|contrastive|对比学习", False),
    ("self-supervised learning", "自监督学习", r"self-supervised|自监督", False),
    ("semi-supervised learning", "半监督学习", r"semi-supervised|半监督", False),
    ("transfer learning", "迁移学习", r"transfer learning|迁移学习", False),
    ("reinforcement learning", "强化学习", r"reinforcement learning|强化学习", False),
    ("*", "", r"CBAM|SE[\s-]?Net|Non-local|FPN|BiFPN", False),
    ("attention", "注意力机制", r"注意力(?:机制|模块)?|attention mechanism", False),
    ("multi-task learning", "多任务学习", r"multi-task learning|多任务学习", False),
    ("federated learning", "联邦学习", r"federated learning|联邦学习", False),
    ("Mixture of Experts", "", r"MoE|(?i:mixture[\s-]of[\s-]experts)", True),


    ("hard negative mining", "难例挖掘",
     r"hard[\s-]negative(?: mining)?|难(?:例|负样本)挖掘", False),

    ("test-time adaptation", "", r"test-time adaptation", False),

    ("masked image modeling", "", r"masked image modell?ing", False),
    ("continual pretraining", "继续预训练",
     r"continu(?:al|ed) pre-?training|继续预训练|增量预训练", False),
    ("diffusion model", "扩散模型", r"diffusion models?|扩散模型", False),
    ("GAN", "生成对抗网络", r"GANs?|生成对抗网络", True), ("VAE", "", r"VAE", True),

    ("sequence modeling", "行为序列建模", r"(?:用户)?行为序列建模|sequence modell?ing", False),
    ("*", "", r"Focal Loss|[SCGDE]IoU(?: loss)?|ArcFace loss|InfoNCE|triplet loss", False),
    ("two-tower", "双塔", r"two-tower|双塔(?:模型)?", False),
    ("knowledge graph", "知识图谱", r"knowledge graphs?|知识图谱", False),
]

_PRACTICES: list[tuple[str, str, str, bool]] = [
    ("mixed precision", "混合精度", r"mixed[\s-]precision|混合精度", False),
    ("TTA", "", r"TTA|(?i:test-time augmentation)", True),
    ("ensemble", "模型融合", r"model ensembl\w*|ensembl\w+|模型融合|模型集成", False),
    ("feature engineering", "特征工程", r"feature engineering|特征工程", False),
    ("chain-of-thought", "思维链", r"chain-of-thought|CoT|思维链", False),
    ("prompt engineering", "", r"prompt engineering|prompt 设计|提示词工程", False),
    ("cross-validation", "交叉验证", r"cross-validation|[五十k]折交叉验证|交叉验证", False),
    ("FlashAttention", "", r"Flash-?Attention\d?", False),
]

_TOOLS: list[tuple[str, str, str, bool]] = [
    ("PyTorch", "", r"PyTorch", False), ("TensorFlow", "", r"TensorFlow", False),
    ("JAX", "", r"JAX", True), ("PaddlePaddle", "", r"PaddlePaddle|飞桨", False),
    ("MMDetection", "", r"MMDetection|MMSegmentation", False),
    ("Detectron2", "", r"Detectron2", False),
    ("OpenCV", "", r"OpenCV", False),
    ("TensorRT", "", r"TensorRT", False),
    ("ONNX", "", r"ONNX", False),
    ("vLLM", "", r"vLLM", False), ("DeepSpeed", "", r"DeepSpeed(?:\s?ZeRO-?\d)?", False),
    ("Megatron-LM", "", r"Megatron(?:-LM)?", False), ("FSDP", "", r"FSDP", True),
    ("Hugging Face", "", r"Hugging\s?Face", False),
    ("LangChain", "", r"LangChain|LlamaIndex", False),
    ("FAISS", "", r"FAISS(?:\s?\(?IVF-?PQ\)?)?", False), ("Milvus", "", r"Milvus", False),
    ("Elasticsearch", "", r"Elasticsearch", False), ("Spark", "", r"Spark", True),
    ("Triton", "", r"Triton", True), ("CUDA", "", r"CUDA", True), ("ROS", "", r"ROS", True),
    ("Jetson", "", r"Jetson(?:\s(?:Nano|Orin|Xavier))?", False),
]


@dataclass(frozen=True)
class Term:
    display_en: str
    display_zh: str
    category: Category
    regex: re.Pattern[str]


def _compile(pattern: str, case_sensitive: bool) -> re.Pattern[str]:
    bounded = rf"(?<![A-Za-z0-9_])(?:{pattern})(?![A-Za-z0-9_])"
    return re.compile(bounded, 0 if case_sensitive else re.IGNORECASE)


_TABLES: tuple[tuple[Category, list[tuple[str, str, str, bool]]], ...] = (
    ("model", _MODELS), ("algorithm", _ALGORITHMS), ("technique", _TECHNIQUES),
    ("practice", _PRACTICES), ("tool", _TOOLS))

METHOD_TERMS: list[Term] = [
    Term(en, zh, category, _compile(pattern, cs))
    for category, table in _TABLES
    for en, zh, pattern, cs in table
]
