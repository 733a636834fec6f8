"""All configuration, in one place: ``Settings`` read from ``KAODA_*`` environment variables.

Nested groups use ``__``: ``KAODA_KB__MODEL``, ``KAODA_LLM__BASE_URL``, ``KAODA_SANDBOX__WORKERS``.
Domain packages (knowledge, evaluators, the interview engine) never read the environment; the
service reads it here and passes plain values down.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from knowledge.embedder import DEFAULT_MODEL
from service.local_llm.catalog import DEFAULT_LOCAL_MODEL

DEFAULT_HOME = Path.home() / ".cache" / "kaoda"


class KnowledgeSettings(BaseModel):
    model: str = Field(DEFAULT_MODEL, description="built-in name, package:<pkg>, or ST name/path")
    query_prefix: str | None = None
    passage_prefix: str | None = None
    torch_threads: int | None = Field(1, ge=1, le=64, description="torch threads per process")
    runtime: Literal["onnx", "torch"] = Field(
        "onnx", description="onnx: the model exported once to ONNX Runtime (fast); torch: ST")
    precision: Literal["fp32", "int8"] = Field("fp32", description="onnx runtime weights")
    reference_checks: bool = Field(
        False, description="grader: also flag statements that deny or reverse the reference "
        "(off: on unseen answers they flagged more correct answers than wrong ones)")


class SandboxSettings(BaseModel):
    kind: Literal["pool", "subprocess"] = "pool"
    workers: int | None = Field(None, ge=1, le=64, description="default: one per core")
    allow_unisolated: bool = False
    per_client_running: int | None = Field(
        None, ge=1, le=64, description="submissions one client may run at once; default: half "
        "the workers, at least one (see service.admission)")
    per_client_queued: int = Field(4, ge=0, le=1000, description="and may have waiting; beyond "
                                   "that: 429 with Retry-After")
    max_wait_s: float = Field(60.0, gt=0, description="longest wait for a worker before 503")


class LLMSettings(BaseModel):
    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    timeout_s: float = Field(30.0, gt=0)
    profile: Literal["hosted", "small"] = Field(
        "hosted", description="small: prompts and a schema-constrained judge for 0.5B-1.5B "
        "local models (set by `kaoda llm env`)")
    judge: Literal["rubric", "llm"] = Field(
        "rubric", description="who grades concept answers: the rubric (default: it measured best "
        "on unseen answers, see benchmarks/grading.py) or the LLM's quoted hits blended with it")


class LocalLLMSettings(BaseModel):
    """The bundled llama.cpp server (``kaoda llm setup`` / ``kaoda llm serve``)."""

    model: str = Field(DEFAULT_LOCAL_MODEL, description="a name from service.local_llm.catalog")
    host: str = Field("127.0.0.1", description="loopback only")
    port: int = Field(8090, ge=1, le=65535)
    n_ctx: int = Field(4096, ge=512, le=32768)
    threads: int | None = Field(None, ge=1, le=64, description="default: half the cores")
    startup_timeout_s: float = Field(180.0, gt=0)


class DatabaseSettings(BaseModel):
    url: str | None = Field(None, description="SQLAlchemy URL; default SQLite under home "
                            "(postgresql+psycopg://user:password@host/db for PostgreSQL)")
    pool_size: int = Field(10, ge=1, le=200, description="connections kept per process")
    max_overflow: int = Field(30, ge=0, le=500, description="extra connections under load")
    lock_timeout_s: float = Field(
        60.0, gt=0, le=3600, description="how long a turn waits for another turn of the same "
        "interview to finish before answering 409")


class AuthSettings(BaseModel):
    """Who may use the service: one implicit user (``local``) or registered accounts."""

    mode: Literal["local", "accounts"] = Field(
        "local", description="local: one person on their own machine, no login, loopback only; "
        "accounts: register / login, bearer tokens, every user's data kept apart")
    token_ttl_hours: float = Field(24.0, gt=0, le=24 * 90, description="how long a login lasts")
    login_max_failures: int = Field(
        5, ge=1, le=1000, description="failed logins per username in a window (a client "
        "address may have ten times as many: a classroom can share one)")
    login_window_s: int = Field(900, ge=1, le=86400, description="the login throttle's window")
    register_max_per_window: int = Field(
        100, ge=1, le=100000, description="new accounts one client may register in a window")


class LogSettings(BaseModel):
    format: Literal["json", "text"] = Field("json", description="json: one object per line")
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"


class ApiSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    workers: int = Field(1, ge=1, le=64, description="processes serving the API (one database)")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KAODA_", env_nested_delimiter="__",
                                      extra="ignore")

    home: Path = Field(DEFAULT_HOME, description="caches, index, database")
    kb: KnowledgeSettings = KnowledgeSettings()
    sandbox: SandboxSettings = SandboxSettings()
    llm: LLMSettings = LLMSettings()
    local_llm: LocalLLMSettings = LocalLLMSettings()
    db: DatabaseSettings = DatabaseSettings()
    auth: AuthSettings = AuthSettings()
    log: LogSettings = LogSettings()
    api: ApiSettings = ApiSettings()

    @property
    def model_cache_dir(self) -> Path:
        return self.home / "models"

    @property
    def index_dir(self) -> Path:
        safe = self.kb.model.replace("/", "_").replace(":", "_")
        if self.kb.runtime == "onnx" and self.kb.precision != "fp32":
            safe += f"+{self.kb.precision}"  # another model id: keep both indexes on disk
        return self.home / "index" / safe

    @property
    def grader_passages_path(self) -> Path:
        """Passage vectors the rubric grader keeps between processes (model-specific)."""
        return self.index_dir / "grader-passages.npz"

    @property
    def local_llm_dir(self) -> Path:
        return self.home / "llm"

    @property
    def database_url(self) -> str:
        return self.db.url or f"sqlite:///{self.home / 'kaoda.db'}"
