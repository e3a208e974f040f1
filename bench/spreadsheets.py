"""Spreadsheet import and export at the limit: 20,000 members in one file.

Builds a temporary SQLite database (the real Cà Mau tree and one organisation), then
times, as the system actor:

(a) reading a 20,000-row CSV and XLSX file (parsing only);
(b) a dry run of the XLSX file and a real import of the CSV file, with the number of
    SQL statements (must be a few per chunk of 500 rows, never one per row);
(c) exporting the 20,000 members to CSV and XLSX.

Run with ``python -m bench spreadsheets`` (``--rows`` to resize).
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.databases import bench_database
from bench.network import Row, counting_queries, print_table
from core.actor import Actor
from core.text import fold
from network.exports import FORMATS, export_members
from network.import_rules import CHUNK
from network.imports import import_members
from network.models import AdminUnit, Organization, OrganizationKind
from network.seed import seed_province
from network.sheet_format import MEMBER_COLUMNS
from network.spreadsheets import read_table, write_csv, write_xlsx

PROVINCE = 96
TARGET_S = 30.0


def member_rows(n: int) -> list[list[str]]:
    return [
        ["", f"Nguyễn Văn Số {i}", "UBND Phường An Xuyên", "32002", "Công chức", f"09{i:08d}",
         f"nv{i}@camau.gov.vn", f"{96_000_000_000 + i:012d}", "Đại học CNTT",
         "Chuyên gia, Giảng viên", "01/03/2025"]
        for i in range(n)
    ]  # fmt: skip


async def measure(system: Actor, rows: int) -> list[Row]:
    headers = [c.header for c in MEMBER_COLUMNS]
    data = member_rows(rows)
    files = {"CSV": write_csv(headers, data), "XLSX": write_xlsx(headers, data)}
    results: list[Row] = []
    for name, content in files.items():
        started = time.perf_counter()
        read_table(content, MEMBER_COLUMNS)
        seconds = time.perf_counter() - started
        results.append(Row(f"read {rows:,}-row {name}", f"{seconds:.2f} s"))
    results += await measure_import(system, "dry run XLSX", files["XLSX"], rows, dry_run=True)
    results += await measure_import(system, "import CSV", files["CSV"], rows, dry_run=False)
    for fmt in FORMATS:
        started = time.perf_counter()
        content = await export_members(system, within=None, fmt=fmt)
        seconds = time.perf_counter() - started
        value = f"{seconds:.2f} s, {len(content):,} bytes"
        results.append(Row(f"export {rows:,} members ({fmt})", value))
    return results


async def measure_import(
    system: Actor, label: str, content: bytes, rows: int, *, dry_run: bool
) -> list[Row]:
    # Per chunk of 500: units, organisations, three unique columns, one INSERT; one audit.
    budget = 6 * -(-rows // CHUNK) + 1
    started = time.perf_counter()
    with counting_queries() as log:
        report = await import_members(system, content=content, dry_run=dry_run, valid_only=False)
    seconds = time.perf_counter() - started
    if report.valid_rows != rows:
        raise RuntimeError(f"unexpected row errors: {report.errors[:5]}")
    return [
        Row(
            f"{label} ({rows:,} rows)",
            f"{seconds:.2f} s",
            f"< {TARGET_S:.0f} s",
            seconds < TARGET_S,
        ),
        Row(f"{label}: SQL statements", str(log.count), f"<= {budget}", log.count <= budget),
    ]


async def run(rows: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="dxnet-bench-") as tmp:
        async with bench_database(Path(tmp)):
            await seed_province(PROVINCE)
            root = await AdminUnit.get(code=str(PROVINCE))
            ward = await AdminUnit.get(code="32002")
            name = "UBND Phường An Xuyên"
            await Organization.create(
                name=name, name_folded=fold(name), kind=OrganizationKind.PEOPLES_COMMITTEE,
                admin_unit_id=ward.id, unit_path=ward.path,
            )  # fmt: skip
            return await measure(Actor.system(root.path, root.code), rows)


def main(argv: Sequence[str] = ()) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench spreadsheets", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args(list(argv))
    print_table(asyncio.run(run(args.rows)))
    return 0
