"""Résumé ingestion: every format extracts, claims come out right on realistic fixtures, every
rejection is a ResumeError with bilingual guidance, and no input makes anything else escape."""

from __future__ import annotations

import codecs
import random
import time
import zipfile
from io import BytesIO

import pytest
from resume_fixtures import (
    blocks_to_docx,
    docx_with_document_xml,
    docx_with_textbox,
    encrypt_pdf,
    fixture_text,
    json_fixture_docx,
    make_pdf,
    markdown_to_docx,
    rewrite_zip,
    text_to_pdf,
)

from service.resume import (
    ClaimKind,
    CorruptFile,
    EmptyResume,
    EncryptedFile,
    ExtractLimits,
    ImageOnlyResume,
    ProjectClaim,
    ResumeError,
    ResumeTooLarge,
    UnsafeContent,
    UnsupportedFileType,
    VagueFlag,
    ZipBomb,
    extract_claims,
    extract_profile,
    extract_text,
)
from service.resume.docx_text import extract_docx
from service.resume.metrics import extract_metrics
from service.resume.normalize import normalize_text
from service.resume.sections import heading_kind

MD_FIXTURES = ["zh_cv_intern.md", "en_research_scientist.md", "mixed_zh_en.md"]
TXT_FIXTURES = ["zh_llm_engineer.txt", "messy_no_headings.txt"]


def _text(name: str) -> str:
    if name.endswith(".json"):
        return extract_text(json_fixture_docx(name), "resume.docx", None).text
    return extract_text(fixture_text(name).encode("utf-8"), name, None).text


def _claims(name: str) -> list[ProjectClaim]:
    return extract_claims(_text(name))


def _by_name(claims: list[ProjectClaim], fragment: str) -> ProjectClaim:
    matches = [c for c in claims if fragment in c.name]
    assert len(matches) == 1, [c.name for c in claims]
    return matches[0]


def _metric(claim: ProjectClaim, name: str) -> tuple[float | None, str | None, float | None, bool]:
    found = [m for m in claim.metrics if m.metric == name]
    assert found, [m.metric for m in claim.metrics]
    return found[0].value, found[0].unit, found[0].baseline, found[0].is_delta


# ---------------------------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", MD_FIXTURES + TXT_FIXTURES)
def test_text_formats_extract(name: str) -> None:
    result = extract_text(fixture_text(name).encode("utf-8"), name, None)
    assert result.format == ("markdown" if name.endswith(".md") else "text")
    assert result.encoding == "utf-8" and not result.truncated
    assert len(result.text) > 200


@pytest.mark.parametrize("encoding,expected", [
    ("gb18030", "gb18030"), ("gbk", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")])
def test_chinese_text_encodings(encoding: str, expected: str) -> None:
    source = fixture_text("zh_llm_engineer.txt")
    result = extract_text(source.encode(encoding), "简历.txt", "text/plain")
    assert result.encoding == expected
    assert result.text == _text("zh_llm_engineer.txt")


def test_markdown_detected_by_content_type() -> None:
    data = fixture_text("mixed_zh_en.md").encode()
    assert extract_text(data, "upload", "text/markdown").format == "markdown"
    assert extract_text(data, "upload", None).format == "text"


@pytest.mark.parametrize("name", ["zh_cv_intern.md", "en_research_scientist.md"])
def test_pdf_extracts_chinese_and_english(name: str) -> None:
    result = extract_text(text_to_pdf(fixture_text(name), lines_per_page=25), "cv.pdf", None)
    assert result.format == "pdf" and result.pages is not None and result.pages >= 2
    assert [(c.name, c.kind) for c in extract_claims(result.text)] == \
        [(c.name, c.kind) for c in _claims(name)]


@pytest.mark.parametrize("name", MD_FIXTURES)
def test_docx_extracts_same_claims_as_markdown(name: str) -> None:
    result = extract_text(markdown_to_docx(fixture_text(name)), "cv.docx", None)
    assert result.format == "docx"
    assert "## " in result.text and "\n- " in result.text  # headings and Word list paragraphs
    assert [(c.name, c.kind) for c in extract_claims(result.text)] == \
        [(c.name, c.kind) for c in _claims(name)]


def test_docx_tables_are_rows_and_labels() -> None:
    text = _text("docx_tables.json")
    assert "姓名 | 陈静 | 性别 | 女" in text
    assert "项目名称：基于多模态大模型的医疗报告生成" in text
    assert "**阿里巴巴 达摩院 | 算法实习生 | 2023.06-2023.09**" in text  # bold paragraph


def test_docx_text_box_read_once() -> None:
    data = docx_with_textbox("正文段落：项目经历如下所示。", "文本框里的项目：基于 BERT 的分类")
    text = extract_text(data, "cv.docx", None).text
    assert text.count("文本框里的项目") == 1
    assert text.index("正文段落") < text.index("文本框里的项目")


def test_real_type_wins_over_extension() -> None:
    pdf = text_to_pdf(fixture_text("en_research_scientist.md"))
    docx = markdown_to_docx(fixture_text("zh_cv_intern.md"))
    assert extract_text(pdf, "resume.docx", "application/msword").format == "pdf"
    assert extract_text(docx, "resume.pdf", "application/pdf").format == "docx"
    assert extract_text(fixture_text("zh_cv_intern.md").encode(), "cv.pdf", None).format == "text"


def test_pdf_with_owner_password_only_is_read() -> None:
    pdf = encrypt_pdf(text_to_pdf(fixture_text("en_research_scientist.md")), user_password="")
    assert "Meta AI" in extract_text(pdf, "cv.pdf", None).text


def test_pdf_with_some_image_pages_warns() -> None:
    lines = fixture_text("en_research_scientist.md").splitlines()
    pdf = make_pdf([lines, []], image_pages=frozenset({1}))
    result = extract_text(pdf, "cv.pdf", None)
    assert result.pages == 2 and len(result.warnings) == 1 and "2" in result.warnings[0]


def test_normalization() -> None:
    raw = ("项 目 经 历\r\nＹＯＬＯｖ８ 准确率：９５％（提升５％）\u200b\ufeff ﬁne ⽬标"
           "\n\n\n\n张三  男")
    text, truncated = normalize_text(raw, 1000)
    assert text == "项目经历\nYOLOv8 准确率：95%（提升5%） fine 目标\n\n张三 男"
    assert not truncated


def test_long_text_is_truncated_at_cap() -> None:
    data = ("项目经历：基于 BERT 的文本分类，准确率 95%。\n" * 5000).encode()
    result = extract_text(data, "cv.txt", None, limits=ExtractLimits(max_chars=10_000))
    assert result.truncated and len(result.text) <= 10_000


# ---------------------------------------------------------------------------------------------
# Rejections
# ---------------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
    return out.getvalue()


XXE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
       b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
       b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       b"<w:body><w:p><w:r><w:t>&xxe; Projects: built a detector with YOLOv8</w:t></w:r></w:p>"
       b"</w:body></w:document>")
_ENTITIES = "".join(['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">'
                                                for i in range(1, 10)])
LAUGHS = (f'<?xml version="1.0"?>\n<!DOCTYPE lolz [{_ENTITIES}]>\n'
          '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
          "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>").encode()


def _bad_inputs() -> dict[str, tuple[bytes, type[ResumeError]]]:
    cv = markdown_to_docx(fixture_text("zh_cv_intern.md"))
    pdf = text_to_pdf(fixture_text("en_research_scientist.md"))
    return {
        "png": (b"\x89PNG\r\n\x1a\n" + bytes(200), UnsupportedFileType),
        "jpeg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), UnsupportedFileType),
        "exe": (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200), UnsupportedFileType),
        "elf": (b"\x7fELF\x02\x01\x01" + bytes(200), UnsupportedFileType),
        "binary": (bytes(range(256)) * 4, UnsupportedFileType),
        "html": (b"<!DOCTYPE html><html><body>resume</body></html>", UnsupportedFileType),
        "legacy_doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), UnsupportedFileType),
        "xlsx": (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}),
                 UnsupportedFileType),
        "plain_zip": (_zip({"resume.pdf": pdf}), UnsupportedFileType),
        "office_encrypted": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode(
            "utf-16-le") + bytes(500), EncryptedFile),
        "corrupt_pdf": (b"%PDF-1.7\n1 0 obj <<< garbage >>\nstartxref\n999\n%%EOF", CorruptFile),
        "corrupt_docx": (b"PK\x03\x04" + bytes(300), CorruptFile),
        "encrypted_pdf": (encrypt_pdf(pdf, user_password="secret"), EncryptedFile),
        "empty": (b"", EmptyResume),
        "whitespace": (b" \n\t\r\n  ", EmptyResume),
        "blank_pdf": (make_pdf([[]]), EmptyResume),
        "blank_docx": (blocks_to_docx([{"para": " "}]), EmptyResume),
        "image_only_pdf": (make_pdf([[], []], image_pages=frozenset({0, 1})), ImageOnlyResume),
        "too_large": (b"a" * (5 * 1024 * 1024 + 1), ResumeTooLarge),
        "too_many_pages": (make_pdf([["page"]] * 51), ResumeTooLarge),
        "zip_ratio_bomb": (rewrite_zip(cv, {}, {"word/media/pad.bin": bytes(2 * 1024 * 1024)}),
                           ZipBomb),
        "zip_member_count": (rewrite_zip(cv, {}, {f"word/media/{i}.bin": b"x" for i in
                                                  range(1001)}), ZipBomb),
        "docx_xxe": (docx_with_document_xml(XXE), UnsafeContent),
        "docx_xxe_utf16": (docx_with_document_xml(XXE.decode().replace("UTF-8", "UTF-16")
                                                  .encode("utf-16")), UnsafeContent),
        "docx_billion_laughs": (docx_with_document_xml(LAUGHS), UnsafeContent),
    }


BAD = _bad_inputs()


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_raises_specific_error(case: str) -> None:
    data, expected = BAD[case]
    with pytest.raises(expected) as info:
        extract_text(data, "resume.pdf" if case.endswith("pdf") else "resume.docx", None)
    error = info.value
    assert error.message_en and error.message_zh and error.code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error.message_zh)
    assert str(error) == f"{error.message_en} / {error.message_zh}"
    assert error.to_dict()["error"] == type(error).__name__


def test_messages_tell_the_user_what_to_do() -> None:
    assert "selectable text or upload DOCX/Markdown" in ImageOnlyResume().message_en
    assert "DOCX" in _error_for("legacy_doc").message_en
    assert "password" in _error_for("encrypted_pdf").message_en.lower()
    assert "5.0 MiB" in _error_for("too_large").message_en
    assert "51 pages" in _error_for("too_many_pages").message_en
    assert issubclass(UnsafeContent, CorruptFile)
    assert {ResumeTooLarge.http_status, UnsupportedFileType.http_status, EmptyResume.http_status} \
        == {413, 415, 422}


def _error_for(case: str) -> ResumeError:
    with pytest.raises(ResumeError) as info:
        extract_text(BAD[case][0], "resume", None)
    return info.value


def test_zip_total_size_limit() -> None:
    cv = markdown_to_docx(fixture_text("zh_cv_intern.md"))
    with pytest.raises(ZipBomb):
        extract_text(cv, "cv.docx", None, limits=ExtractLimits(max_unzipped_bytes=20_000))


def test_pdf_time_budget() -> None:
    pdf = text_to_pdf(fixture_text("en_research_scientist.md"))
    with pytest.raises(ResumeTooLarge, match="too complex"):
        extract_text(pdf, "cv.pdf", None, limits=ExtractLimits(time_budget_s=0.0))


def test_python_docx_alone_never_resolves_entities() -> None:
    """Defense in depth: even without the zip guard, the entity is not expanded."""
    try:
        text = extract_docx(docx_with_document_xml(XXE))
    except CorruptFile:
        return
    assert "root:" not in text


# ---------------------------------------------------------------------------------------------
# Fuzz: nothing but ResumeError may escape
# ---------------------------------------------------------------------------------------------


def _must_not_crash(data: bytes, name: str) -> None:
    try:
        result = extract_text(data, name, None)
    except ResumeError:
        return
    extract_claims(result.text)
    extract_profile(result.text)


def test_fuzz_random_bytes() -> None:
    rng = random.Random(20240601)
    prefixes = [b"", b"%PDF-1.4\n", b"PK\x03\x04", codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "项目经历\n".encode()]
    for _ in range(300):
        data = rng.choice(prefixes) + rng.randbytes(rng.randint(0, 2048))
        _must_not_crash(data, rng.choice(["a.pdf", "a.docx", "a.txt", "a.md"]))


@pytest.mark.parametrize("kind", ["pdf", "docx", "encrypted_pdf"])
def test_fuzz_truncated_and_flipped(kind: str) -> None:
    source = fixture_text("zh_cv_intern.md")
    data = {"pdf": lambda: text_to_pdf(source), "docx": lambda: markdown_to_docx(source),
            "encrypted_pdf": lambda: encrypt_pdf(text_to_pdf(source), "pw")}[kind]()
    rng = random.Random(7)
    for cut in range(0, len(data), max(1, len(data) // 60)):
        _must_not_crash(data[:cut], f"cv.{kind}")
    for _ in range(60):
        flipped = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        _must_not_crash(bytes(flipped), f"cv.{kind}")


def test_claims_on_arbitrary_text_are_fast_and_safe() -> None:
    rng = random.Random(3)
    alphabet = "项目经历实习论文基于模型准确率提升%0123456789.,，。:：|-*#\n ABCxyzTop第名v"
    texts = ["".join(rng.choice(alphabet) for _ in range(3000)) for _ in range(20)]
    texts.append("项目经历\n" + "-" * 50_000)
    texts.append("1" * 60_000)
    texts.append(("**项目" + "经历 " * 5000) + "\n")
    start = time.monotonic()
    for text in texts:
        extract_claims(text)
        extract_profile(text)
    assert time.monotonic() - start < 20


# ---------------------------------------------------------------------------------------------
# Claims
# ---------------------------------------------------------------------------------------------


def test_claims_chinese_cv_intern() -> None:
    claims = _claims("zh_cv_intern.md")
    assert [c.kind for c in claims] == [ClaimKind.INTERNSHIP, ClaimKind.PROJECT, ClaimKind.PROJECT,
                                        ClaimKind.COMPETITION, ClaimKind.COMPETITION]
    intern = _by_name(claims, "商汤科技")
    assert intern.role == "计算机视觉算法实习生" and intern.period == "2024.03 - 2024.08"
    assert {"YOLOv8", "CBAM", "SIoU", "TensorRT"} <= set(intern.methods)
    assert _metric(intern, "mAP@0.5") == (0.786, None, 0.712, False)
    assert _metric(intern, "漏检率") == (35.0, "%", None, True)
    assert _metric(intern, "推理速度") == (2.3, "倍", None, True)
    assert "3.2 万张 PCB 缺陷图片" in intern.data
    assert any(s.startswith("负责工业质检") for s in intern.contribution)
    assert intern.vague_flags == []

    seg = _by_name(claims, "nnU-Net")
    assert seg.role == "核心成员" and seg.data == ["BraTS 2021"]
    assert _metric(seg, "Dice") == (0.89, None, 0.86, False)
    assert seg.task is not None and seg.task.startswith("针对 MRI 脑肿瘤")
    assert any("独立实现" in s for s in seg.contribution)

    toy = _by_name(claims, "垃圾分类")
    assert set(toy.vague_flags) == {VagueFlag.NO_DATA, VagueFlag.NO_OWN_CONTRIBUTION,
                                    VagueFlag.ONLY_EXISTING_MODEL}

    tianchi = _by_name(claims, "天池")
    assert tianchi.role == "队长" and tianchi.period == "2023"
    assert [(m.metric, m.value, m.unit) for m in tianchi.metrics] == [("rank", 3.0, "%"),
                                                                      ("rank", 12.0, None)]
    modeling = _by_name(claims, "数学建模")
    assert [(m.metric, m.raw) for m in modeling.metrics] == [("award", "省级一等奖")]


def test_claims_chinese_llm_engineer() -> None:
    claims = _claims("zh_llm_engineer.txt")
    assert [c.kind for c in claims] == [ClaimKind.WORK, ClaimKind.WORK, ClaimKind.PROJECT,
                                        ClaimKind.PROJECT, ClaimKind.PAPER, ClaimKind.PAPER]
    job = claims[0]
    assert job.organization == "北京某某智能科技有限公司" and job.role == "高级算法工程师"
    assert job.period == "2021.07-至今"
    assert {"Qwen2-7B", "LoRA", "RAG", "bge-m3", "FAISS", "DPO"} <= set(job.methods)
    assert _metric(job, "Recall@5") == (89.0, "%", 71.0, False)
    assert _metric(job, "解决率") == (12.0, "个百分点", None, True)
    assert claims[1].name == "某互联网公司 · NLP算法工程师"
    assert _metric(claims[1], "F1") == (0.91, None, None, False)
    assert VagueFlag.ONLY_EXISTING_MODEL in claims[1].vague_flags

    pretrain = _by_name(claims, "金融领域大模型预训练")
    assert pretrain.role == "项目负责人" and pretrain.period == "2023.03-2023.10"
    assert pretrain.task is not None and pretrain.task.startswith("为了提升通用模型")
    assert {"200 亿 token", "FinEval"} <= set(pretrain.data)
    assert "LLaMA-2-13B" in pretrain.methods and len(pretrain.contribution) == 3
    assert pretrain.vague_flags == []

    writer = _by_name(claims, "智能写作助手")
    assert {VagueFlag.NO_OWN_CONTRIBUTION, VagueFlag.ONLY_EXISTING_MODEL,
            VagueFlag.NO_METRICS} <= set(writer.vague_flags)

    paper = _by_name(claims, "Retrieval-Augmented Instruction Tuning")
    assert paper.role == "第一作者" and paper.organization == "ACL 2024 Findings"
    assert VagueFlag.NO_OWN_CONTRIBUTION not in paper.vague_flags
    assert _by_name(claims, "客服对话生成方法").organization == "发明专利"


def test_claims_english_research_scientist() -> None:
    claims = _claims("en_research_scientist.md")
    meta = _by_name(claims, "Meta AI")
    assert meta.kind is ClaimKind.WORK and meta.role == "Research Scientist"
    assert meta.period == "Sep 2022 – Present" and "ImageNet" in meta.data
    assert _metric(meta, "zero-shot top-1 accuracy") == (78.4, "%", None, False)
    assert _metric(meta, "speedup") == (1.8, "x", None, False)
    assert meta.contribution[0].startswith("Led the development")

    brain = _by_name(claims, "Google Brain")
    assert brain.kind is ClaimKind.INTERNSHIP and brain.role == "Research Intern"
    assert _metric(brain, "FID") == (3.9, None, 5.2, False) and brain.data == ["FFHQ"]
    assert brain.contribution == ["I implemented a cascaded diffusion pipeline in JAX and improved "
                                  "FID from 5.2 to 3.9 on FFHQ 256x256."]

    thesis = _by_name(claims, "Robust Medical Image Segmentation")
    assert thesis.kind is ClaimKind.RESEARCH and thesis.period == "2019 – 2022"
    assert thesis.task == "make segmentation models robust to scanner and site differences in " \
                          "multi-center MRI."
    assert _metric(thesis, "Dice") == (4.1, "points", None, True)
    assert {"U-Net", "test-time adaptation"} <= set(thesis.methods)

    papers = [c for c in claims if c.kind is ClaimKind.PAPER]
    assert [p.name for p in papers] == ["Test-Time Adaptation for Medical Segmentation",
                                        "Efficient Token Pruning for Vision Transformers",
                                        "Contrastive Pretraining at Scale"]
    assert papers[0].role == "first author" and papers[1].organization == "CVPR 2023"
    brats = _by_name(claims, "BraTS Challenge")
    assert brats.kind is ClaimKind.COMPETITION and _metric(brats, "rank")[0] == 1.0
    assert not any("Reviewer" in c.raw for c in claims)  # an award, not a claim


def test_claims_mixed_language() -> None:
    claims = _claims("mixed_zh_en.md")
    intern = claims[0]
    assert intern.name == "字节跳动 ByteDance · 推荐算法实习生"
    assert intern.kind is ClaimKind.INTERNSHIP and intern.section == "实习经历 Internship"
    assert {"DeepFM", "DCN-v2", "DIN"} <= set(intern.methods)
    assert _metric(intern, "AUC") == (0.8, "%", None, True)
    assert _metric(intern, "CTR") == (3.2, "%", None, True)
    retrieval = _by_name(claims, "Multi-modal Product Retrieval")
    assert retrieval.role == "Team lead" and retrieval.data == ["1.2M image-text pairs"]
    assert _metric(retrieval, "Recall@10") == (0.81, None, 0.62, False)
    assert _metric(retrieval, "P99 latency") == (35.0, "ms", None, False)
    assert retrieval.task == "retrieve products from user photos for a second-hand marketplace."
    kaggle = _by_name(claims, "Kaggle")
    assert kaggle.kind is ClaimKind.COMPETITION
    assert [(m.metric, m.raw) for m in kaggle.metrics] == [("rank", "Top 5%"), ("award", "银牌")]


def test_claims_messy_text_without_headings() -> None:
    claims = _claims("messy_no_headings.txt")
    assert [c.kind for c in claims] == [ClaimKind.INTERNSHIP, ClaimKind.PROJECT,
                                        ClaimKind.RESEARCH, ClaimKind.PROJECT]
    assert all(c.section is None for c in claims)
    meituan = claims[0]
    assert meituan.organization == "美团" and meituan.period == "2023.06-2023.09"
    assert _metric(meituan, "MAE") == (8.0, "%", None, True)
    face = claims[1]
    assert face.data == ["公司内部 5000 人的数据"] and _metric(face, "准确率")[0] == 99.2
    assert VagueFlag.ONLY_EXISTING_MODEL in face.vague_flags
    assert _metric(claims[2], "成功率") == (85.0, "%", 60.0, False)
    assert set(claims[3].vague_flags) == {VagueFlag.NO_METRICS, VagueFlag.NO_DATA,
                                          VagueFlag.NO_OWN_CONTRIBUTION,
                                          VagueFlag.ONLY_EXISTING_MODEL}


def test_claims_docx_tables() -> None:
    claims = _claims("docx_tables.json")
    assert [c.name for c in claims] == ["基于多模态大模型的医疗报告生成", "用户评论情感分析系统",
                                        "阿里巴巴 达摩院 · 算法实习生"]
    report = claims[0]
    assert report.role == "项目负责人" and report.period == "2023.02-2023.11"
    assert report.task == "针对胸部 X 光片自动生成放射学诊断报告，减轻医生书写负担。"
    assert {"Swin Transformer", "Qwen-VL", "LoRA"} <= set(report.methods)
    assert _metric(report, "BLEU-4") == (0.142, None, None, False)
    assert not any(s.startswith("担任角色") for s in report.contribution)
    assert VagueFlag.ONLY_EXISTING_MODEL in claims[1].vague_flags
    assert claims[2].organization == "阿里巴巴 达摩院"
    assert _metric(claims[2], "参数量") == (60.0, "%", None, True)


@pytest.mark.parametrize("text,expected", [
    ("F1=0.91", [("F1", 0.91, None, None, False)]),
    ("达到 0.78 mAP", [("mAP", 0.78, None, None, False)]),
    ("准确率95%，召回率90%", [("准确率", 95.0, "%", None, False),
                               ("召回率", 90.0, "%", None, False)]),
    ("精确率和召回率分别为 0.9 和 0.85", [("精确率", 0.9, None, None, False),
                                          ("召回率", 0.85, None, None, False)]),
    ("latency reduced from 120ms to 40ms", [("latency", 40.0, "ms", 120.0, False)]),
    ("错误率降低了 3 个点", [("错误率", 3.0, "个点", None, True)]),
    ("AUC 0.85 (baseline 0.80)", [("AUC", 0.85, None, 0.8, False)]),
    ("模型整体性能提升 10%", [("unspecified", 10.0, "%", None, True)]),
    ("排名前 5%", [("rank", 5.0, "%", None, False)]),
    ("标注了 10,000 张图片，基于 YOLOv8 和 Qwen2-7B，2023.03-2023.06", []),
    # an aside between the two ends of "from A to B" (the baseline's name) keeps both ends
    ("macro-F1 improved from 0.71 (legal-BERT baseline) to 0.79",
     [("macro-F1", 0.79, None, 0.71, False)]),
    ("测试集 Dice 从 0.812（U-Net 基线）提升到 0.846", [("Dice", 0.846, None, 0.812, False)]),
    # a size next to a metric's name is not that metric's value
    ("94.1% accuracy with a 38 KB model size", [("accuracy", 94.1, "%", None, False)]),
    ("显存占用 6GB", [("显存占用", 6.0, "gb", None, False)]),
    # a from/to pair far from the metric's name still belongs to it
    ("WER on a 12-hour held-out set of accented callers reduced from 18.7% to 12.9%",
     [("WER", 12.9, "%", 18.7, False)]),
])
def test_metric_patterns(text: str, expected: list[tuple[object, ...]]) -> None:
    got = [(m.metric, m.value, m.unit, m.baseline, m.is_delta) for m in extract_metrics(text)]
    assert got == expected


def test_unnamed_metric_is_flagged() -> None:
    claims = extract_claims("项目经历\n**推荐系统优化** 2022.01-2022.03\n"
                            "- 负责召回模块，整体效果提升 10%")
    assert VagueFlag.UNNAMED_METRIC in claims[0].vague_flags


@pytest.mark.parametrize("line,kind", [
    ("项目经历", "project"), ("## 项目经验", "project"), ("【实习经历】", "internship"),
    ("PROJECT EXPERIENCE", "project"), ("Research Experience", "research"),
    ("科研项目", "research"), ("论文与专利", "paper"), ("Honors & Awards", "awards"),
    ("教育背景 Education", "education"), ("**工作经历**", "work"), ("一、竞赛经历", "competition"),
    ("项目一：金融领域大模型预训练", None), ("Researcher at Google", None), ("负责项目开发", None),
])
def test_heading_detection(line: str, kind: str | None) -> None:
    assert heading_kind(line) == kind


# ---------------------------------------------------------------------------------------------
# Profile
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name,person,education,skills", [
    ("zh_cv_intern.md", "李明", 3, {"PyTorch", "MMDetection", "Swin Transformer"}),
    ("zh_llm_engineer.txt", "王芳", 2, {"vLLM", "Megatron-LM", "DPO"}),
    ("en_research_scientist.md", "Emily Chen", 2, {"JAX", "distributed training (FSDP)"}),
    ("mixed_zh_en.md", "张伟", 2, {"Spark", "CTR预估"}),
    ("messy_no_headings.txt", "赵磊", 1, {"ROS", "C++"}),
    ("docx_tables.json", "陈静", 2, {"LangChain", "Docker"}),
])
def test_profile(name: str, person: str, education: int, skills: set[str]) -> None:
    profile = extract_profile(_text(name))
    assert profile.name == person
    assert len(profile.education) == education
    assert skills <= set(profile.skills)
    assert not any("*" in line for line in profile.education)


def test_an_internship_at_an_unknown_organisation_is_named_by_its_header() -> None:
    """Found in a walkthrough: "Let's talk about "Scientist"" — the role's last word alone."""
    text = ("## Experience\n### Applied Scientist Intern, Retail Vision Startup (2024.05 - 2024.08)\n"
            "- Shelf-gap detection; fine-tuned RT-DETR-R50 on 14,200 frames\n")
    claim = extract_claims(text)[0]
    assert claim.name == "Applied Scientist Intern, Retail Vision Startup"
    assert claim.role == "Applied Scientist Intern"


def test_a_jobs_employer_after_a_dash_and_a_projects_note_without_its_dates() -> None:
    """Found in an English walkthrough: no employer for "… — Northwind Pay (payments processor)",
    and "I see "Temporal GNN … ( , M.S. course project)"" once the dates were taken out."""
    text = ("## Experience\n### Machine Learning Engineer, Risk & Fraud — Northwind Pay (payments "
            "processor) (2021.08 – present)\n- Graph-based fraud model, 2-layer GraphSAGE\n\n"
            "## Projects\n### Temporal GNN for illicit Bitcoin transaction detection (2021.01 – "
            "2021.04, M.S. course project)\n- Elliptic dataset, GCN vs EvolveGCN\n")
    job, project = extract_claims(text)[:2]
    assert job.organization == "Northwind Pay" and job.period == "2021.08 – present"
    assert project.name == "Temporal GNN for illicit Bitcoin transaction detection (M.S. course project)"


def test_hours_of_training_are_not_hours_of_data() -> None:
    """Found in an English walkthrough: "data: 9 hours" from "4× A100, ~9 hours"."""
    text = ("## Projects\n### Fraud model (2021.08 - 2022.12)\n"
            "- Training: weighted BCE, Adam, lr 3e-3; 4× A100, ~9 hours\n"
            "### Call-centre ASR (2023.01 - 2023.06)\n"
            "- Fine-tuned a Conformer on 600 hours of call audio; 8 张 A100 约 20 小时\n")
    fraud, asr = extract_claims(text)[:2]
    assert not any("hour" in d for d in fraud.data)
    assert any("600 hours" in d for d in asr.data) and not any("20 小时" in d for d in asr.data)
