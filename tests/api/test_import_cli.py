"""``dxnet import`` and ``dxnet export``, run as real processes against a fresh SQLite file."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.api.test_cli import ROOT, dxnet
from tests.network.sheets import (
    EXPORTED_MEMBER_HEADERS,
    MEMBER_HEADERS,
    csv_bytes,
    member_row,
    xlsx_rows,
)

TEMPLATES = ROOT / "docs" / "templates"


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded database holding the three templates' example rows, imported in order."""
    path = tmp_path_factory.mktemp("cli-import")
    assert dxnet(path, "migrate").returncode == 0
    assert dxnet(path, "seed").returncode == 0
    for kind, template in [
        ("admin-units", "admin_units.csv"),
        ("organizations", "organizations.csv"),
        ("members", "members.csv"),
    ]:
        result = dxnet(path, "import", kind, str(TEMPLATES / template))
        assert result.returncode == 0, result.stdout + result.stderr
        assert result.stdout == "2 dòng: 2 hợp lệ, 0 có lỗi.\nĐã nhập 2 dòng.\n"
    return path


def test_dry_run_prints_every_row_error_in_vietnamese(registry: Path, tmp_path: Path) -> None:
    file = tmp_path / "thanh-vien.csv"
    file.write_bytes(
        csv_bytes(
            MEMBER_HEADERS,
            [
                member_row("Lâm Văn Mới", "0919000001", unit="32002", organization="Không Có"),
                member_row(
                    "Trần Văn Phúc",
                    "0387 654 321",
                    unit="31843-A12",
                    organization="Tổ công nghệ số cộng đồng Ấp 12",
                ),
                member_row("Hà Thị Sai", "091", joined="30/02/2025"),
            ],
        )
    )

    result = dxnet(registry, "import", "members", str(file), "--dry-run")

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'Dòng 2, cột "Tên tổ chức": Không tìm thấy tổ chức (hoặc tổ chức nằm ngoài phạm vi của bạn).',
        'Dòng 3, cột "Số điện thoại": Số điện thoại này đã có trong danh sách thành viên.',
        'Dòng 4, cột "Tên tổ chức": Không tìm thấy tổ chức (hoặc tổ chức nằm ngoài phạm vi của bạn).',
        'Dòng 4, cột "Số điện thoại": Số điện thoại không hợp lệ (ví dụ: 0912345678 hoặc +84 912 345 678).',
        'Dòng 4, cột "Ngày tham gia": Ngày không hợp lệ (dùng dạng ngày/tháng/năm, ví dụ 15/03/2025).',
        "3 dòng: 0 hợp lệ, 3 có lỗi.",
        "Chạy thử: chưa ghi dữ liệu nào.",
    ]


def test_refused_import_in_english_exits_1(registry: Path) -> None:
    result = dxnet(registry, "import", "members", str(TEMPLATES / "members.csv"), "--lang", "en")

    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        'Row 2, column "Số điện thoại": This phone number already belongs to a member.'
    )
    assert result.stderr.strip() == (
        "2 rows have errors, so nothing was imported. "
        "Fix them, or choose to import only the valid rows."
    )


def test_file_level_refusal_is_one_message(registry: Path, tmp_path: Path) -> None:
    picture = tmp_path / "anh.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")

    result = dxnet(registry, "import", "organizations", str(picture))

    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.strip() == "Chỉ nhận tệp CSV hoặc Excel (.xlsx)."


def test_export_then_import_round_trip(registry: Path, tmp_path: Path) -> None:
    exported = tmp_path / "thanh-vien.xlsx"

    export = dxnet(
        registry, "export", "members", "--format", "xlsx", "--output", str(exported),
        "--admin-unit", "31843",
    )  # fmt: skip
    (header, row) = xlsx_rows(exported.read_bytes())
    workbook = load_workbook(exported)
    workbook.worksheets[0]["E2"] = "Tổ trưởng tổ CNSCĐ Ấp 12"
    workbook.save(exported)
    again = dxnet(registry, "import", "members", str(exported))

    assert export.returncode == 0, export.stderr
    assert export.stdout.strip() == f"Đã ghi {exported}."
    assert [header, row[1:]] == [
        tuple(EXPORTED_MEMBER_HEADERS),
        ("Trần Văn Phúc", "Tổ công nghệ số cộng đồng Ấp 12", "31843-A12", "Tổ trưởng",
         "0387654321", None, None, "Kỹ năng số cơ bản", "Tổ trưởng tổ công nghệ số",
         datetime(2025, 7, 1)),
    ]  # fmt: skip
    assert isinstance(row[0], int)
    assert (again.returncode, again.stderr) == (0, "")
    assert again.stdout.splitlines() == [
        "1 dòng: 1 hợp lệ, 0 có lỗi.",
        "0 dòng thêm mới, 1 dòng cập nhật, 0 dòng không đổi.",
        "Đã cập nhật 1 bản ghi.",
    ]


def test_organisation_csv_export(registry: Path, tmp_path: Path) -> None:
    output = tmp_path / "to-chuc.csv"

    result = dxnet(registry, "export", "organizations", "--format", "csv", "--output", str(output))

    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(output.read_bytes().decode("utf-8-sig"))))
    assert all(row[0].isdigit() for row in rows[1:])
    assert [row[1:] for row in rows] == [
        ["Tên tổ chức", "Loại tổ chức", "Mã đơn vị hành chính", "Số điện thoại liên hệ",
         "Email liên hệ", "Địa chỉ"],
        ["Đoàn Thanh niên Phường An Xuyên", "Tổ chức chính trị - xã hội", "32002", "02903831234",
         "doanthanhnien.anxuyen@camau.gov.vn",
         "Số 9 đường Lý Văn Lâm, Phường An Xuyên, tỉnh Cà Mau"],
        ["Tổ công nghệ số cộng đồng Ấp 12", "Tổ công nghệ số cộng đồng", "31843-A12",
         "0913456789", "", "Ấp 12, Xã Hồng Dân, tỉnh Cà Mau"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf", "--output", "x.pdf"], "Invalid value for --format"),
        (["--admin-unit", "00000", "--output", "x.csv"], "Không có đơn vị hành chính mã 00000."),
    ],
)
def test_export_with_bad_options_fails_clearly(
    registry: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = dxnet(
        registry, "export", "members", *[a.replace("x.", f"{tmp_path}/x.") for a in args]
    )

    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
