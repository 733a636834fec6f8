"""Every UI string exists in both languages, and every key the code uses is defined."""

from __future__ import annotations

import re

from ui_procs import ROOT

from ui.i18n import (
    DIFFICULTIES,
    FLAGS,
    KINDS,
    KINDS_OF_QUESTION,
    LENGTHS,
    POINTS,
    REASONS,
    SOURCES,
    STAGE_NAMES,
    STATUSES,
    STRINGS,
    TRACKS,
    VAGUE_FLAGS,
    readable_reasons,
)

USED = re.compile(r"""\bt\(\s*["']([a-z_.]+)["']""")
ERRORS = re.compile(r'"(err\.[a-z_]+)"')  # the service's error names → keys (ui/common.py)


def _used_keys() -> set[str]:
    return {key for path in (ROOT / "ui").rglob("*.py") for key in USED.findall(path.read_text())
            } | set(ERRORS.findall((ROOT / "ui" / "common.py").read_text()))


def test_every_used_key_is_defined_and_every_defined_key_is_used() -> None:
    used = _used_keys()
    assert used - set(STRINGS) == set()
    dynamic = {key for key in STRINGS if key.startswith("col.")}  # t(f"col.{field}")
    assert set(STRINGS) - used - dynamic == set()


def test_both_languages_are_filled_and_placeholders_match() -> None:
    for key, (zh, en) in STRINGS.items():
        assert zh.strip() and en.strip(), key
        assert sorted(re.findall(r"\{(\w+)", zh)) == sorted(re.findall(r"\{(\w+)", en)), key
    for table in (KINDS, LENGTHS, POINTS, STAGE_NAMES, STATUSES, TRACKS, VAGUE_FLAGS, FLAGS,
                  DIFFICULTIES, KINDS_OF_QUESTION, SOURCES, REASONS):
        assert all(zh.strip() and en.strip() for zh, en in table.values())


def test_vocabularies_cover_the_service_contract() -> None:
    assert set(TRACKS) == {"cv-intern", "llm-algorithm", "research-scientist", "ml-fundamentals"}
    assert set(LENGTHS) == {"short", "standard", "full"}
    assert list(STAGE_NAMES) == ["intro", "project", "concept", "coding", "questions", "closed"]


def test_reason_codes_become_words_and_unknown_codes_are_dropped() -> None:
    assert readable_reasons(["no_model_specifics", "some_new_code", "contradiction:resume",
                             "缺：数据规模"]) == ["模型结构没讲具体", "和之前的说法对不上", "缺：数据规模"]


def test_the_resume_gaps_name_their_project() -> None:
    from ui.setup import vague_by_project

    claims = [{"name": "方言语音识别", "vague_flags": []},
              {"name": "推荐召回实验", "vague_flags": ["no_data", "no_own_contribution"]}]
    line = vague_by_project(claims)
    assert line.startswith("推荐召回实验：没有说明数据、") and "方言" not in line
