"""The ``dxnet`` command line, run as a real process against a fresh SQLite file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def dxnet(tmp_path: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DXNET_VAR_DIR": str(tmp_path),
        "DXNET_DATABASE_URL": "",
        "DXNET_ENV": "development",
    }
    return subprocess.run(
        [sys.executable, "-m", "api", *args],
        cwd=ROOT,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli")
    assert dxnet(path, "migrate").returncode == 0
    result = dxnet(path, "seed", "--demo")
    assert result.returncode == 0, result.stderr
    assert "Tỉnh Cà Mau: 65 units created" in result.stdout
    assert "admin" in result.stdout and "dxnet-demo-2025" in result.stdout
    assert "dxn_" in result.stdout
    assert "demo Network (tạo mới / created): " in result.stdout
    return path


def test_create_user_and_api_key(seeded: Path) -> None:
    user = dxnet(
        seeded,
        "create-user",
        "--username",
        "thu.ha",
        "--role",
        "UNIT_MANAGER",
        "--scope",
        "32002",
        "--password",
        "mot-mat-khau-dai",
        "--display-name",
        "Trần Thu Hà",
    )
    key = dxnet(
        seeded, "create-api-key", "--name", "Bưu điện tỉnh", "--scopes", "read:network,read:surveys"
    )

    assert user.returncode == 0, user.stderr
    assert "User thu.ha created." in user.stdout
    assert key.returncode == 0, key.stderr
    assert key.stdout.strip().splitlines()[-1].startswith("dxn_")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "MAYOR", "--scope", "32002"], "Unknown role: MAYOR"),
        (["--role", "FIELD_STAFF", "--scope", "00000"], "no administrative unit with code 00000"),
    ],
)
def test_create_user_with_bad_role_or_scope_fails_clearly(
    seeded: Path, args: list[str], message: str
) -> None:
    result = dxnet(
        seeded, "create-user", "--username", "bad.user", "--password", "mot-mat-khau-dai", *args
    )

    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_create_api_key_with_unknown_scope_fails(seeded: Path) -> None:
    result = dxnet(seeded, "create-api-key", "--name", "x", "--scopes", "write:all")
    assert result.returncode != 0 and "Unknown scope: write:all" in result.stderr


def test_bad_configuration_exits_with_a_message(tmp_path: Path) -> None:
    env = {**os.environ, "DXNET_VAR_DIR": str(tmp_path), "DXNET_PORT": "http"}
    result = subprocess.run(
        [sys.executable, "-m", "api", "migrate"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "DXNET_PORT must be a whole number" in result.stderr


def test_export_schema_prints_the_committed_sdl(tmp_path: Path) -> None:
    result = dxnet(tmp_path, "export-schema")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "schema.graphql").read_text(encoding="utf-8")


def test_backup_copies_a_consistent_sqlite_database(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "backup.sqlite3"
    result = dxnet(seeded, "backup", str(target))

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(target) as copy:
        # The province and its 64 communes, plus the demo's hamlets below them.
        assert copy.execute("SELECT count(*) FROM admin_unit WHERE level <= 2").fetchone() == (65,)
        assert copy.execute("SELECT count(*) FROM network_member").fetchone()[0] > 3000
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backup_on_postgres_points_to_pg_dump(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DXNET_VAR_DIR": str(tmp_path),
        "DXNET_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
    }
    result = subprocess.run(
        [sys.executable, "-m", "api", "backup", str(tmp_path / "x")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "pg_dump" in result.stderr


def test_demo_data_is_refused_in_production(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DXNET_VAR_DIR": str(tmp_path),
        "DXNET_ENV": "production",
        "DXNET_SECRET_KEY": "s" * 40,
    }
    result = subprocess.run(
        [sys.executable, "-m", "api", "seed", "--demo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "refused" in result.stderr
