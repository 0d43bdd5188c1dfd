"""How long the pages for people take on a built graph: the overview, a case, a class, search, the query page.

    python -m benchmarks.pages [--home .lmskg] [--reps 20] [--case ojmn-2013-maimone-abstract-1]

Each page is asked for in process through the app's test client (one query worker, in-memory graph), once to
warm the caches, then REPS times; prints the median and the slowest time of each in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=".lmskg")
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--case", default="ojmn-2013-maimone-abstract-1")
    args = parser.parse_args()
    from lmskg.web import create_app

    app = create_app({"HOME": args.home, "WORKERS": 1})
    client = app.test_client()
    pages = {
        "overview": "/", "cases": "/cases", "case": f"/data/case/{args.case}",
        "vertebra class": "/term/ThoracicVertebra3", "region class": "/term/VertebralColumn",
        "search (JSON)": "/search?q=thoracic&format=json", "query page": "/query",
    }
    try:
        print(f"{'page':<16} {'median ms':>10} {'max ms':>8}")
        for name, path in pages.items():
            if client.get(path, headers={"Accept": "text/html"}).status_code != 200:
                raise SystemExit(f"benchmarks.pages: {path} did not answer 200")
            times = []
            for _ in range(args.reps):
                start = time.perf_counter()
                client.get(path, headers={"Accept": "text/html"})
                times.append((time.perf_counter() - start) * 1000)
            print(f"{name:<16} {statistics.median(times):>10.1f} {max(times):>8.1f}")
    finally:
        app.extensions["lmskg"].close()


if __name__ == "__main__":
    main()
