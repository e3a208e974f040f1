"""``dxnet import xlsform`` and ``dxnet export xlsform``, run as real processes against a
fresh SQLite file: the dry run lists every loss and writes nothing, the import creates a
draft, the export reads back as the same survey."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from surveys.xlsform import describe, read_xlsform
from tests.api.test_cli import dxnet
from tests.surveys.test_xlsform import CORPUS

HOUSEHOLD = CORPUS / "ho_gia_dinh.xlsx"


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-xlsform")
    assert dxnet(path, "migrate").returncode == 0
    assert dxnet(path, "seed").returncode == 0
    return path


def _surveys(path: Path) -> list[tuple[int, str, str]]:
    with sqlite3.connect(path / "dxnet.sqlite3") as connection:
        return connection.execute("SELECT id, title, status FROM survey").fetchall()


def test_a_dry_run_prints_every_loss_and_the_share_and_writes_nothing(province: Path) -> None:
    result = dxnet(province, "import", "xlsform", str(HOUSEHOLD), "--dry-run", "--lang", "en")

    mapped = read_xlsform(HOUSEHOLD.read_bytes())
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        *(describe(loss, "en") for loss in mapped.losses),
        "Carried over exactly: 16 of 16 fields (100 %).",
        "Dry run: nothing was written.",
    ]
    assert _surveys(province) == []


def test_the_import_makes_a_draft_and_the_export_brings_it_back(
    province: Path, tmp_path: Path
) -> None:
    imported = dxnet(province, "import", "xlsform", str(HOUSEHOLD))
    [(survey_id, title, status)] = _surveys(province)
    output = tmp_path / "ho.xlsx"
    exported = dxnet(
        province, "export", "xlsform", "--survey", str(survey_id), "--output", str(output)
    )

    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[-2:] == [
        "Chuyển được chính xác 16/16 trường (100 %).",
        f"Đã tạo khảo sát nháp số {survey_id}: “Khảo sát hộ gia đình 2025”.",
    ]
    assert (title, status) == ("Khảo sát hộ gia đình 2025", "DRAFT")
    assert exported.returncode == 0, exported.stderr
    again = read_xlsform(output.read_bytes())
    assert again.definition == read_xlsform(HOUSEHOLD.read_bytes()).definition
    # nothing is lost on the way back: piped labels are carried both ways
    assert [(loss.code, loss.name) for loss in again.losses] == []


def test_a_broken_file_and_an_unknown_survey_fail_in_the_chosen_language(
    province: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")

    refused = dxnet(province, "import", "xlsform", str(broken), "--dry-run")
    missing = dxnet(
        province,
        "export",
        "xlsform",
        "--survey",
        "999999",
        "--output",
        str(tmp_path / "x.xlsx"),
        "--lang",
        "en",
    )

    assert refused.returncode == 1
    assert refused.stderr.startswith("file: Tệp không phải là một XLSForm hợp lệ: ")
    assert missing.returncode == 1
    assert "not found" in missing.stderr.lower()
