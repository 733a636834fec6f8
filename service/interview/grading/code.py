"""Reading code inside an answer as code.

Candidates answer in prose, in code, or both: ``torch.sqrt(var + eps)`` states that eps goes
inside the square root as plainly as "eps 加在根号里面" does, and ``x.mean(-1, keepdim=True)``
says "the mean over the last dimension, kept for broadcasting". Neither cue words nor sentence
embeddings see that, so a clause containing code is *glossed*: every statement or call
expression that Python's own parser accepts is walked, and each idiom the interview rubrics talk
about becomes a short phrase in both languages, appended to the clause's text for matching (the
evidence shown to the candidate stays their own code). Code that does not parse adds nothing:
the gloss is never a guess.

Idioms read (names as commonly written; module prefixes such as ``torch.``/``np.``/``F.`` are
ignored): square roots and where ε sits; reductions and their axis (``dim``/``axis``, ``-1``);
``keepdim``; biased vs unbiased variance; softmax over a scaled argument; subtracting the max;
masking with −∞; triangular masks; concatenation and its axis; transposes and matrix products;
``repeat_interleave`` vs ``repeat``; initialization of a named tensor to zeros/ones/random
values; sampling with a passed ``rng`` vs the global ``np.random``. Each gloss also carries the
expression in a compact canonical form (``sqrt(var+eps)``) so a rubric cue written as code
matches however the candidate spaced it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

MAX_EXPRESSIONS = 12  # per clause: bounds the work on hostile input
MAX_SOURCE = 400

_CALL_START = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\(")
_MODULES = re.compile(r"\b(?:torch\.nn\.functional|torch|numpy|np|math|F|nn\.init|nn|jnp|tf)\.")
_EPS = frozenset({"eps", "epsilon", "eps_", "self.eps", "ε"})
_REDUCTIONS = frozenset({"mean", "sum", "var", "std", "max", "min", "amax", "amin", "softmax",
                         "log_softmax", "logsumexp", "norm", "argmax", "argmin", "cumsum",
                         "prod", "topk", "sort", "argsort"})
_INIT = {"zeros": ("zeros", "初始化为 0"), "zeros_": ("zeros", "初始化为 0"),
         "zeros_like": ("zeros", "初始化为 0"), "ones": ("ones", "初始化为 1"),
         "ones_": ("ones", "初始化为 1"), "randn": ("random gaussian", "随机高斯初始化"),
         "normal_": ("random gaussian", "随机高斯初始化"), "rand": ("random", "随机初始化"),
         "kaiming_uniform_": ("random kaiming", "随机 kaiming 初始化"),
         "kaiming_normal_": ("random kaiming", "随机 kaiming 初始化"),
         "xavier_uniform_": ("random xavier", "随机 xavier 初始化"),
         "xavier_normal_": ("random xavier", "随机 xavier 初始化")}


def _name(node: ast.AST) -> str:
    """Dotted name of a Name/Attribute chain (``self.eps``, ``torch.sqrt``), else ""."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _name(node.value)
        return f"{base}.{node.attr}" if base else node.attr
    return ""


def _short(node: ast.AST) -> str:
    """The last component of a called name: ``torch.nn.functional.softmax`` → ``softmax``."""
    return _name(node).rsplit(".", 1)[-1]


def compact(source: str) -> str:
    """Canonical form of a code snippet: no module prefixes, no whitespace, lower case."""
    return re.sub(r"\s+", "", _MODULES.sub("", source)).lower()


def _mentions_eps(node: ast.AST) -> bool:
    return any(_name(n).lower() in _EPS for n in ast.walk(node))


def _is_sqrt(node: ast.AST) -> ast.AST | None:
    """The argument of a square root (``sqrt(x)``, ``rsqrt(x)``, ``x ** 0.5``), else None."""
    if isinstance(node, ast.Call) and _short(node.func) in ("sqrt", "rsqrt") and node.args:
        return node.args[0]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("sqrt", "rsqrt") and not node.args):
        return node.func.value  # var.sqrt()
    if (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow)
            and isinstance(node.right, ast.Constant) and node.right.value in (0.5, -0.5)):
        return node.left
    return None


def _constant(node: ast.AST | None) -> object:
    if isinstance(node, ast.Constant):
        return node.value
    if (isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub)
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, (int, float))):
        return -node.operand.value
    return None


def _keyword(call: ast.Call, *names: str) -> ast.AST | None:
    return next((k.value for k in call.keywords if k.arg in names), None)


def _axis(call: ast.Call) -> object:
    """The reduction axis of a call: ``dim=``/``axis=``, else the first positional argument of a
    method call (``x.mean(-1)``) or the second of a function call (``softmax(x, -1)``)."""
    found = _keyword(call, "dim", "axis")
    if found is None:
        is_method = isinstance(call.func, ast.Attribute) and not _MODULES.match(
            _name(call.func.value) + ".")
        args = call.args if is_method else call.args[1:]
        found = args[0] if args else None
    return _constant(found)


def _is_neg_inf(node: ast.AST) -> bool:
    text = ast.unparse(node).replace(" ", "").lower()
    return "-inf" in text or "'-inf'" in text or re.fullmatch(r"-1e\+?(?:9|10|4|30)", text) is not None


def _call_glosses(call: ast.Call) -> Iterator[str]:
    fn = _short(call.func)
    if fn in _REDUCTIONS:
        axis = _axis(call)
        if axis == -1:
            yield f"{fn} over the last dim / 在最后一维上求 {fn}"
        elif isinstance(axis, int):
            yield f"{fn} over dim {axis} / 在第 {axis} 维上求 {fn}"
    keep = _constant(_keyword(call, "keepdim", "keepdims"))
    if keep is True:
        yield "keepdim=True keeps the dim for broadcasting / 保持维度以便广播"
    if fn in ("var", "std"):
        unbiased = _constant(_keyword(call, "unbiased"))
        correction = _constant(_keyword(call, "correction", "ddof"))
        if unbiased is False or correction == 0:
            yield "biased variance divided by n, unbiased=False / 有偏方差 除以 n"
        elif unbiased is True or correction == 1:
            yield "unbiased variance divided by n-1 / 无偏方差 除以 n-1"
    if fn in ("softmax", "log_softmax") and call.args:
        scaled = call.args[0]
        if isinstance(scaled, ast.BinOp) and isinstance(scaled.op, ast.Div):
            under = _is_sqrt(scaled.right)
            if under is not None:
                yield (f"softmax of scores divided by √{compact(ast.unparse(under))}, scaled "
                       f"by the square root / 除以根号 {compact(ast.unparse(under))} 缩放")
            else:
                yield (f"softmax(logits / {compact(ast.unparse(scaled.right))}) divided before "
                       f"the softmax / 除在 logits 上")
    if fn in ("masked_fill", "masked_fill_", "where") and any(_is_neg_inf(a) for a in call.args):
        yield "masked positions set to -inf before softmax / 掩码位置填负无穷"
    if fn in ("tril", "triu"):
        yield f"{'lower' if fn == 'tril' else 'upper'}-triangular causal mask / 下三角因果掩码"
    if fn in ("cat", "concatenate", "concat", "stack", "hstack", "vstack"):
        axis = _constant(_keyword(call, "dim", "axis")) if _keyword(call, "dim", "axis") else (
            _constant(call.args[1]) if len(call.args) > 1 else None)
        where = f" along dim {axis}" if axis is not None else ""
        yield f"concatenate{where} / 拼接{f'（第 {axis} 维）' if axis is not None else ''}"
    if fn in ("transpose", "swapaxes", "permute", "mT"):
        yield "transpose / 转置"
    if fn in ("matmul", "bmm", "einsum", "mm", "dot"):
        yield "matrix multiply / 矩阵乘"
    if fn == "repeat_interleave":
        yield "repeat_interleave: each kv head repeated for its group / 按组重复 kv 头"
    if fn in ("expand", "repeat", "tile"):
        yield f"{fn} copies the tensor / 复制张量"
    owner = _name(call.func).split(".")[0] if isinstance(call.func, ast.Attribute) else ""
    if owner in ("rng", "generator", "gen") and fn in ("choice", "random", "integers", "uniform",
                                                       "gumbel", "multinomial"):
        yield "samples with the passed rng / 用传入的 rng 采样"
    if "random" in _name(call.func).split(".")[:-1]:
        yield "samples with the global np.random, not the passed rng / 用全局随机数"
    if fn in ("exp",) and call.args and isinstance(call.args[0], ast.BinOp) and isinstance(
            call.args[0].op, ast.Sub) and _short(getattr(call.args[0].right, "func", ast.Name(
                id=""))) in ("max", "amax"):
        yield "subtract the max before exp for numerical stability / 先减最大值 数值稳定"


def _node_glosses(node: ast.AST) -> Iterator[str]:
    under = _is_sqrt(node)
    if under is not None:
        if _mentions_eps(under):
            yield "eps inside the square root √(σ²+ε) / eps 加在根号里面"
        else:
            yield "square root √ / 开根号"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        sides = (node.left, node.right)
        if any(_is_sqrt(s) is not None for s in sides) and any(
                _name(s).lower() in _EPS for s in sides):
            yield "eps added outside the square root √σ² + ε / eps 加在根号外面"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        yield "matrix multiply / 矩阵乘"
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and isinstance(
            node.right, ast.Call) and _short(node.right.func) in ("max", "amax", "logsumexp"):
        yield "subtract the max for numerical stability / 减去最大值 数值稳定"
    if isinstance(node, ast.Attribute) and node.attr in ("T", "mT"):
        yield "transpose / 转置"
    if isinstance(node, ast.Call):
        yield from _call_glosses(node)
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
        value = node.value
        if _short(value.func) == "Parameter" and value.args and isinstance(value.args[0],
                                                                             ast.Call):
            value = value.args[0]  # self.B = nn.Parameter(torch.zeros(d, r))
        init = _INIT.get(_short(value.func))
        if init is not None:
            for target in node.targets:
                name = _name(target)
                if name:
                    yield f"{name} initialized to {init[0]} / {name} {init[1]}"
    if isinstance(node, ast.Call) and _short(node.func) in _INIT and node.args and _name(
            node.args[0]) and _short(node.func).endswith("_"):
        init = _INIT[_short(node.func)]
        yield f"{_name(node.args[0])} initialized to {init[0]} / {_name(node.args[0])} {init[1]}"


def _expressions(text: str) -> Iterator[ast.AST]:
    """Parsed statements and call expressions found in ``text``: a whole code line first, else
    each balanced call such as ``torch.sqrt(var + eps)`` inside prose."""
    for line in text.splitlines() or [text]:
        source = line.strip().strip("`")[:MAX_SOURCE]
        if not source:
            continue
        try:
            yield ast.parse(source)
            continue
        except (SyntaxError, ValueError, RecursionError):
            pass
        for match in _CALL_START.finditer(source):
            end = _closing(source, match.end() - 1)
            if end is None:
                continue
            try:
                yield ast.parse(source[match.start():end + 1], mode="eval")
            except (SyntaxError, ValueError, RecursionError):
                continue


def _closing(text: str, open_at: int) -> int | None:
    depth = 0
    for i in range(open_at, len(text)):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if depth == 0:
            return i
    return None


def is_code(clause: str) -> bool:
    """The clause is code rather than prose about code: it parses as Python and does something
    (a call, an assignment, an operator). Lexical contradiction checks skip such clauses: the
    sandbox judges code, and identifiers (``d_model``, ``before``) are not claims."""
    source = "\n".join(line.strip().strip("`") for line in clause.splitlines()).strip()
    if not source or not re.search(r"[(=@\[]", source):
        return False
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError):
        return False
    return True


def glosses(clause: str) -> list[str]:
    """What the code in ``clause`` states, as short bilingual phrases (empty for prose)."""
    if "(" not in clause and "=" not in clause and "@" not in clause and ".T" not in clause:
        return []
    out: list[str] = []
    for count, tree in enumerate(_expressions(clause)):
        if count >= MAX_EXPRESSIONS:
            break
        for node in ast.walk(tree):
            out.extend(_node_glosses(node))
        if (isinstance(tree, ast.Module) and tree.body) or isinstance(tree, ast.Expression):
            code = ast.unparse(tree)
            if re.search(r"[(=@\[]", code):
                out.append(compact(code))
    return list(dict.fromkeys(out))
