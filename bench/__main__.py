"""`python -m bench` runs every benchmark; `python -m bench network [options]` runs one."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from bench import knowledge, lists, load, network, pwa, spreadsheets, surveys, xlsform

BENCHMARKS: dict[str, Callable[[Sequence[str]], int]] = {
    "network": network.main,
    "lists": lists.main,
    "load": load.main,
    "spreadsheets": spreadsheets.main,
    "surveys": surveys.main,
    "knowledge": knowledge.main,
    "pwa": pwa.main,
    "xlsform": xlsform.main,
}


def main(argv: Sequence[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        print("Benchmarks:", ", ".join(BENCHMARKS))
        return 0
    if argv and argv[0] not in BENCHMARKS:
        print(f"Unknown benchmark {argv[0]!r}; choose from: {', '.join(BENCHMARKS)}")
        return 2
    chosen = [argv[0]] if argv else list(BENCHMARKS)
    status = 0
    for name in chosen:
        print(f"== bench {name} ==")
        status |= BENCHMARKS[name](argv[1:] if argv else [])
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
