"""Loading and validating the knowledge-base data files.

The source of truth is YAML under ``knowledge/data`` (one file per entry). :func:`load_entries`
reads every file, validates it against :class:`knowledge.schema.Entry` and returns the entries
sorted by id. Any problem is reported with the file path and the dotted field path, and all broken
files are reported at once so an editor can fix them in one pass.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import ValidationError

from knowledge.errors import EntryValidationError
from knowledge.schema import Entry

DATA_DIR = Path(__file__).resolve().parent / "data"


def _data_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*.yaml") if p.is_file())


def _format_errors(exc: ValidationError) -> list[str]:
    problems = []
    for err in exc.errors():
        field = ".".join(str(part) for part in err["loc"]) or "(file)"
        problems.append(f"field {field}: {err['msg']}")
    return problems


# libyaml's safe loader when PyYAML was built with it (ten times faster; the bank is read at
# every start), else the pure-Python one: the same documents either way.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_entry(path: Path) -> Entry:
    """Parse and validate one YAML file."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise EntryValidationError(str(path), [f"not valid UTF-8 YAML: {exc}"]) from exc
    if not isinstance(raw, dict):
        raise EntryValidationError(str(path), ["top level must be a mapping of fields"])
    try:
        entry = Entry.model_validate(raw)
    except ValidationError as exc:
        raise EntryValidationError(str(path), _format_errors(exc)) from exc
    if entry.id != path.stem:
        raise EntryValidationError(str(path), [f"field id: {entry.id!r} must equal the file name"])
    return entry


def load_entries(data_dir: Path = DATA_DIR) -> list[Entry]:
    """Load every entry; raise one error listing every broken file."""
    entries: list[Entry] = []
    failures: list[str] = []
    for path in _data_files(data_dir):
        try:
            entries.append(load_entry(path))
        except EntryValidationError as exc:
            failures.append(str(exc))
    if failures:
        raise EntryValidationError(str(data_dir), failures)
    _reject_duplicates(entries)
    return sorted(entries, key=lambda e: e.id)


def _reject_duplicates(entries: Iterable[Entry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise EntryValidationError(entry.id, [f"field id: duplicate id {entry.id!r}"])
        seen.add(entry.id)


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """A hash of every data file's path and bytes: changes whenever the content does."""
    digest = hashlib.sha256()
    for path in _data_files(data_dir):
        digest.update(str(path.relative_to(data_dir)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()
