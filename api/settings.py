"""Settings read once from ``DXNET_*`` environment variables.

A bad value fails fast with a message that names the variable and what it accepts.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

Environment = Literal["development", "production", "test"]

DEFAULT_VAR_DIR = Path("var")
SQLITE_PRAGMAS = "journal_mode=WAL&busy_timeout=5000&synchronous=FULL&foreign_keys=ON"


class SettingsError(RuntimeError):
    """A configuration value is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    env: Environment
    secret_key: str
    host: str = "127.0.0.1"
    port: int = 8000
    province_code: int = 96
    var_dir: Path = DEFAULT_VAR_DIR
    pwa_dist: Path = Path("pwa/dist")
    allowed_origins: tuple[str, ...] = ()
    session_idle_hours: int = 72
    session_max_days: int = 30
    max_body_bytes: int = 1_000_000
    log_level: str = "INFO"
    focal_point_kinds: tuple[str, ...] = ("PROVINCIAL_DEPARTMENT", "PEOPLES_COMMITTEE")
    focal_point_min_qualification: str = "IT_VOCATIONAL"
    trained_period_days: int = 730
    # How old the network's KPI figures may be when served (seconds; decision 0040).
    # ``load_settings`` defaults to 15; 0 computes them for every request.
    kpi_max_age_seconds: float = 0.0
    emulation_weights: str = ""
    # Seconds one GraphQL query may run before it is cancelled (0 turns the budget off).
    graphql_timeout_seconds: float = 5.0
    # GraphQL operations one worker runs at once (0: no limit); the others wait their
    # turn, at most ``graphql_queue_seconds``, before their time budget starts.
    graphql_concurrency: int = 8
    graphql_queue_seconds: float = 20.0
    # Read timeouts of ``dxnet serve`` (api/server.py): the request head must arrive
    # within this many seconds; the body may pause this long between chunks.
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 30.0
    # The PWA's allow-list of GraphQL documents (api/trusted.py). In production, browsers
    # may run only those; with no file, none (partner keys are not affected).
    trusted_documents: Path | None = None
    # An OpenAI-compatible chat API the assistant may write its answers with (empty: the
    # extractive answer only); its key and model.
    assistant_url: str = ""
    assistant_key: str = field(default="", repr=False)
    assistant_model: str = "gpt-4o-mini"

    @property
    def is_development(self) -> bool:
        return self.env != "production"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite:")

    @property
    def cookie_secure(self) -> bool:
        return self.env == "production"

    @property
    def trusted_documents_only(self) -> bool:
        """Browsers run only the PWA's own documents (production)."""
        return self.env == "production"


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise SettingsError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _seconds(env: Mapping[str, str], name: str, default: float, high: float) -> float:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0 <= value <= high:
        raise SettingsError(f"{name} must be between 0 and {high:g} seconds, got {raw}")
    return value


def _database_url(env: Mapping[str, str], var_dir: Path) -> str:
    url = env.get("DXNET_DATABASE_URL", "").strip()
    if not url:
        return f"sqlite://{var_dir / 'dxnet.sqlite3'}?{SQLITE_PRAGMAS}"
    scheme = urlsplit(url).scheme
    if scheme == "postgresql":
        url = "postgres" + url[len("postgresql") :]
        scheme = "postgres"
    if scheme not in {"sqlite", "postgres"}:
        raise SettingsError(
            "DXNET_DATABASE_URL must start with sqlite:// or postgres://, "
            f"got scheme {scheme or '(none)'!r}"
        )
    if scheme == "sqlite" and "?" not in url:
        url = f"{url}?{SQLITE_PRAGMAS}"
    return url


def _secret_key(env: Mapping[str, str], mode: Environment, var_dir: Path) -> str:
    key = env.get("DXNET_SECRET_KEY", "").strip()
    if key:
        if len(key) < 32:
            raise SettingsError("DXNET_SECRET_KEY must be at least 32 characters long")
        return key
    if mode == "production":
        raise SettingsError(
            "DXNET_SECRET_KEY is required when DXNET_ENV=production "
            '(generate one with: python -c "import secrets; print(secrets.token_urlsafe(48))")'
        )
    path = var_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key


def _assistant_url(env: Mapping[str, str]) -> str:
    url = env.get("DXNET_ASSISTANT_URL", "").strip().rstrip("/")
    if url and not url.startswith(("https://", "http://")):
        raise SettingsError(
            "DXNET_ASSISTANT_URL must be the http(s) base of an OpenAI-compatible API, "
            "such as https://api.example.com/v1"
        )
    return url


def _emulation_weights(env: Mapping[str, str]) -> str:
    from recognition.emulation import EmulationPolicy

    text = env.get("DXNET_EMULATION_WEIGHTS", "").strip()
    try:
        EmulationPolicy.parse(text)
    except ValueError as error:
        raise SettingsError(
            "DXNET_EMULATION_WEIGHTS must look like 'FOCAL_POINTS=30,TRAINING=20' "
            f"(parts from recognition/emulation.py, weights 0-1000): {error}"
        ) from None
    return text


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build settings from the environment (``os.environ`` by default)."""
    env = os.environ if env is None else env
    mode = env.get("DXNET_ENV", "development").strip() or "development"
    if mode not in ("development", "production", "test"):
        raise SettingsError(f"DXNET_ENV must be 'development' or 'production', got {mode!r}")
    var_dir = Path(env.get("DXNET_VAR_DIR", "") or DEFAULT_VAR_DIR)
    province_code = _int(env, "DXNET_PROVINCE_CODE", 96, 1, 99)
    origins = tuple(
        o.strip().rstrip("/") for o in env.get("DXNET_ALLOWED_ORIGINS", "").split(",") if o.strip()
    )
    log_level = env.get("DXNET_LOG_LEVEL", "INFO").upper()
    if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise SettingsError(
            f"DXNET_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {log_level!r}"
        )
    from network.models import ITQualification, OrganizationKind

    kinds = tuple(
        k.strip()
        for k in env.get(
            "DXNET_FOCAL_POINT_KINDS", "PROVINCIAL_DEPARTMENT,PEOPLES_COMMITTEE"
        ).split(",")
        if k.strip()
    )
    unknown = [k for k in kinds if k not in OrganizationKind.__members__]
    if unknown or not kinds:
        raise SettingsError(
            f"DXNET_FOCAL_POINT_KINDS must list organisation kinds from {', '.join(OrganizationKind)}; "
            f"unknown: {', '.join(unknown) or '(empty)'}"
        )
    qualification = env.get("DXNET_FOCAL_POINT_MIN_QUALIFICATION", "IT_VOCATIONAL").strip()
    if qualification not in ITQualification.__members__:
        raise SettingsError(
            "DXNET_FOCAL_POINT_MIN_QUALIFICATION must be one of "
            f"{', '.join(ITQualification.__members__)}, got {qualification!r}"
        )
    pwa_dist = Path(env.get("DXNET_PWA_DIST", "") or "pwa/dist")
    trusted = env.get("DXNET_TRUSTED_DOCUMENTS", "").strip()
    return Settings(
        focal_point_kinds=kinds,
        focal_point_min_qualification=qualification,
        trained_period_days=_int(env, "DXNET_TRAINED_PERIOD_DAYS", 730, 30, 3650),
        kpi_max_age_seconds=_seconds(env, "DXNET_KPI_MAX_AGE_SECONDS", 15.0, 3600.0),
        emulation_weights=_emulation_weights(env),
        database_url=_database_url(env, var_dir),
        env=mode,  # type: ignore[arg-type]
        secret_key=_secret_key(env, mode, var_dir),  # type: ignore[arg-type]
        host=env.get("DXNET_HOST", "127.0.0.1") or "127.0.0.1",
        port=_int(env, "DXNET_PORT", 8000, 1, 65535),
        province_code=province_code,
        var_dir=var_dir,
        pwa_dist=pwa_dist,
        trusted_documents=Path(trusted) if trusted else pwa_dist / "trusted-documents.json",
        allowed_origins=origins,
        session_idle_hours=_int(env, "DXNET_SESSION_IDLE_HOURS", 72, 1, 24 * 90),
        session_max_days=_int(env, "DXNET_SESSION_MAX_DAYS", 30, 1, 365),
        log_level=log_level,
        graphql_timeout_seconds=_seconds(env, "DXNET_GRAPHQL_TIMEOUT_SECONDS", 5.0, 300.0),
        graphql_concurrency=_int(env, "DXNET_GRAPHQL_CONCURRENCY", 8, 0, 1000),
        graphql_queue_seconds=_seconds(env, "DXNET_GRAPHQL_QUEUE_SECONDS", 20.0, 300.0),
        header_timeout_seconds=_seconds(env, "DXNET_HEADER_TIMEOUT_SECONDS", 10.0, 300.0),
        body_timeout_seconds=_seconds(env, "DXNET_BODY_TIMEOUT_SECONDS", 30.0, 300.0),
        assistant_url=_assistant_url(env),
        assistant_key=env.get("DXNET_ASSISTANT_KEY", "").strip(),
        assistant_model=env.get("DXNET_ASSISTANT_MODEL", "").strip() or "gpt-4o-mini",
    )
