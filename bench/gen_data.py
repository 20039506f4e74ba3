"""Write the seven import files for N customers (about 3N orders), as the demo makes them.

    .venv/bin/python bench/gen_data.py --customers 1000000 --out /tmp/bench-data [--seed 1]

The same generator as `clienteling server seed-demo` (clienteling.server.demo.generator):
deterministic for a seed and streamed, so a million customers need the memory of one. Import
the result with `clienteling server import /tmp/bench-data`.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import asdict
from pathlib import Path

from clienteling.server.demo.generator import DEFAULT_PRODUCTS, write_import_files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="directory for the files")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--products", type=int, default=DEFAULT_PRODUCTS)
    args = parser.parse_args(argv)
    if args.customers < 1 or args.products < 1:
        parser.error("--customers and --products must be at least 1")
    started = time.perf_counter()
    counts = write_import_files(args.out, customers=args.customers, seed=args.seed,
                                products=args.products)
    seconds = time.perf_counter() - started
    size = sum(f.stat().st_size for f in args.out.iterdir() if f.is_file())
    for name, value in asdict(counts).items():
        print(f"{name:>13}: {value:,}")
    print(f"wrote {size / 1e6:,.0f} MB to {args.out} in {seconds:,.1f} s "
          f"({args.customers / seconds:,.0f} customers/s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
