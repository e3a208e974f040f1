from __future__ import annotations

from pathlib import Path

import pytest

from api.settings import SettingsError, load_settings


def test_defaults_are_sqlite_under_var_with_safe_pragmas(tmp_path: Path) -> None:
    settings = load_settings({"DXNET_VAR_DIR": str(tmp_path)})

    assert settings.database_url == (
        f"sqlite://{tmp_path}/dxnet.sqlite3"
        "?journal_mode=WAL&busy_timeout=5000&synchronous=FULL&foreign_keys=ON"
    )
    assert (settings.env, settings.host, settings.port, settings.province_code) == (
        "development",
        "127.0.0.1",
        8000,
        96,
    )


def test_development_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    first = load_settings({"DXNET_VAR_DIR": str(tmp_path)}).secret_key
    second = load_settings({"DXNET_VAR_DIR": str(tmp_path)}).secret_key

    assert first == second and len(first) >= 48
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_postgresql_scheme_is_accepted() -> None:
    settings = load_settings(
        {"DXNET_DATABASE_URL": "postgresql://u@db:5432/dxnet", "DXNET_SECRET_KEY": "k" * 40}
    )
    assert settings.database_url == "postgres://u@db:5432/dxnet"
    assert not settings.is_sqlite


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DXNET_ENV": "production"}, "DXNET_SECRET_KEY is required"),
        ({"DXNET_ENV": "staging"}, "DXNET_ENV must be"),
        ({"DXNET_PORT": "eighty"}, "DXNET_PORT must be a whole number"),
        ({"DXNET_PORT": "70000"}, "DXNET_PORT must be between 1 and 65535"),
        ({"DXNET_PROVINCE_CODE": "x"}, "DXNET_PROVINCE_CODE must be a whole number"),
        ({"DXNET_DATABASE_URL": "mysql://x"}, "DXNET_DATABASE_URL must start with"),
        ({"DXNET_SECRET_KEY": "short"}, "at least 32 characters"),
        ({"DXNET_LOG_LEVEL": "LOUD"}, "DXNET_LOG_LEVEL must be"),
        ({"DXNET_ASSISTANT_URL": "api.example.com/v1"}, "DXNET_ASSISTANT_URL must be"),
        ({"DXNET_KPI_MAX_AGE_SECONDS": "-1"}, "DXNET_KPI_MAX_AGE_SECONDS must be between"),
    ],
)
def test_bad_values_fail_fast_with_a_readable_message(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings({"DXNET_VAR_DIR": str(tmp_path), **env})


def test_the_assistant_model_endpoint_is_optional_and_its_key_never_printed() -> None:
    plain = load_settings({"DXNET_SECRET_KEY": "k" * 40})
    with_model = load_settings(
        {
            "DXNET_SECRET_KEY": "k" * 40,
            "DXNET_ASSISTANT_URL": "https://llm.example.vn/v1/",
            "DXNET_ASSISTANT_KEY": "sk-bi-mat",
            "DXNET_ASSISTANT_MODEL": "qwen2.5-7b",
        }
    )
    assert plain.assistant_url == ""
    assert (with_model.assistant_url, with_model.assistant_model) == (
        "https://llm.example.vn/v1",
        "qwen2.5-7b",
    )
    assert "sk-bi-mat" not in repr(with_model)


def test_production_cookie_is_secure() -> None:
    settings = load_settings({"DXNET_ENV": "production", "DXNET_SECRET_KEY": "s" * 40})
    assert settings.cookie_secure and not settings.is_development


def test_kpi_figures_may_be_15_seconds_old_unless_configured(tmp_path: Path) -> None:
    assert load_settings({"DXNET_VAR_DIR": str(tmp_path)}).kpi_max_age_seconds == 15
    configured = {"DXNET_VAR_DIR": str(tmp_path), "DXNET_KPI_MAX_AGE_SECONDS": "0"}
    assert load_settings(configured).kpi_max_age_seconds == 0


def test_focal_point_policy_is_configurable(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "DXNET_VAR_DIR": str(tmp_path),
            "DXNET_FOCAL_POINT_KINDS": "PEOPLES_COMMITTEE, MASS_ORGANIZATION",
            "DXNET_FOCAL_POINT_MIN_QUALIFICATION": "IT_BACHELOR",
        }
    )
    assert settings.focal_point_kinds == ("PEOPLES_COMMITTEE", "MASS_ORGANIZATION")
    assert settings.focal_point_min_qualification == "IT_BACHELOR"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DXNET_FOCAL_POINT_KINDS": "SCHOOL"}, "unknown: SCHOOL"),
        (
            {"DXNET_FOCAL_POINT_MIN_QUALIFICATION": "PHD"},
            "DXNET_FOCAL_POINT_MIN_QUALIFICATION must be",
        ),
    ],
)
def test_bad_focal_point_policy_fails_fast(
    tmp_path: Path, env: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError, match=message):
        load_settings({"DXNET_VAR_DIR": str(tmp_path), **env})
