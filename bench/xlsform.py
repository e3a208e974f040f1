"""``python -m bench xlsform [--losses]``: import every XLSForm of the corpus
(tests/surveys/xlsforms/, written by its build.py) and print, per form and in total,
the share of fields carried over exactly (a field with any loss counts as not exact;
metadata such as start, end and deviceid are not fields: DXNet records them itself).
``--losses`` also prints each loss in English. Needs no database."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from surveys.xlsform import describe, read_xlsform

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "surveys" / "xlsforms"


def main(argv: Sequence[str]) -> int:
    show_losses = "--losses" in argv
    files = sorted(CORPUS.glob("*.xlsx"))
    if not files:
        print(f"No XLSForm in {CORPUS}: run python -m tests.surveys.xlsforms.build")
        return 1
    total = exact = 0
    codes: Counter[str] = Counter()
    started = time.perf_counter()
    print(f"{'form':<24} {'fields':>6} {'exact':>6} {'share':>7} {'losses':>7}")
    for path in files:
        mapped = read_xlsform(path.read_bytes())
        fields, carried = len(mapped.fields), mapped.exact
        total, exact = total + fields, exact + carried
        codes.update(loss.code for loss in mapped.losses)
        share = 100 * carried / fields if fields else 100.0
        print(f"{path.stem:<24} {fields:>6} {carried:>6} {share:>6.1f}% {len(mapped.losses):>7}")
        if show_losses:
            for loss in mapped.losses:
                print("    " + describe(loss, "en"))
    elapsed = time.perf_counter() - started
    share = 100 * exact / total if total else 100.0
    print(f"{'total':<24} {total:>6} {exact:>6} {share:>6.1f}% {sum(codes.values()):>7}")
    print("losses by kind: " + ", ".join(f"{code} {n}" for code, n in codes.most_common()))
    print(f"{len(files)} forms imported in {elapsed:.2f} s")
    return 0
