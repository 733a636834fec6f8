"""Résumé ingestion for Kaoda: uploaded file → normalized text → project claims + profile.

Pure domain code: no FastAPI, no environment access. Public API::

    extract_text(data, filename, content_type, *, limits=DEFAULT_LIMITS) -> ExtractedResume
    extract_claims(text) -> list[ProjectClaim]
    extract_profile(text) -> ResumeProfile

Bad uploads raise ``ResumeError`` subclasses (see ``errors``) with bilingual, actionable messages.
"""

from service.resume.claims import extract_claims, extract_profile
from service.resume.errors import (
    CorruptFile,
    EmptyResume,
    EncryptedFile,
    ImageOnlyResume,
    ResumeError,
    ResumeTooLarge,
    UnsafeContent,
    UnsupportedFileType,
    ZipBomb,
)
from service.resume.extract import extract_text
from service.resume.limits import DEFAULT_LIMITS, ExtractLimits
from service.resume.models import (
    ClaimKind,
    ExtractedResume,
    Metric,
    ProjectClaim,
    ResumeProfile,
    VagueFlag,
)

__all__ = [
    "DEFAULT_LIMITS",
    "ClaimKind",
    "CorruptFile",
    "EmptyResume",
    "EncryptedFile",
    "ExtractLimits",
    "ExtractedResume",
    "ImageOnlyResume",
    "Metric",
    "ProjectClaim",
    "ResumeError",
    "ResumeProfile",
    "ResumeTooLarge",
    "UnsafeContent",
    "UnsupportedFileType",
    "VagueFlag",
    "ZipBomb",
    "extract_claims",
    "extract_profile",
    "extract_text",
]
