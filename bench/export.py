"""Excel export benchmark: the ticket ledger against a bare openpyxl loop, interleaved.

    uv run python bench/export.py [--tickets 115000] [--db URL] [--sizes 10000,100000] [--rounds 5]
                                  [--compare-ref REV]

Builds (or reuses) the demo database with ``--tickets`` tickets (the demo needs at least
114,636; merged duplicates are not ledger rows). For each size, each round runs the ledger
(reports.ledger.write_queue_ledger, exactly what File → Export runs: the queue filtered to
the oldest tickets, streamed by keyset pages) and a bare openpyxl write-only loop over the
same cell values (``ws.append(values)``, rows prepared in memory beforehand and not timed:
the library's floor for writing those cells) one after the other, alternating which goes
first, so both see the same machine load. The medians of the rounds and their ratio are
printed, with every round's figures and the load average before and after. Each run is a
fresh process so its peak resident memory (VmHWM) is its own; the process's memory right
after the imports is printed too, so the ledger's own growth shows.

``--compare-ref REV`` adds a third run to every round: the ledger of the package as it was at
git revision REV (``git archive``'d into a temporary folder put first on PYTHONPATH), so an
earlier ledger and this one are timed against the same floor under the same load. The order
of the runs rotates from round to round, so each goes first as often as the others.

Targets (issue 4, issue 13): ledger time within 1.2x the floor; peak memory under 200 MB
and flat from 10,000 to 100,000 rows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

# bench/queue.py would stand in for the standard library's queue module, which psycopg (a
# PostgreSQL --db) imports: the script's own folder is taken off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

NOW = datetime(2022, 12, 31, 18, 0)


def _status_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process in MB. Not ru_maxrss: a child started
    from a big parent inherits the parent's high-water mark there."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024


def _cutoff(url: str, size: int) -> date:
    """The creation day of the size-th oldest ticket: the filter created_to=<day> keeps about
    ``size`` tickets (the whole of that day)."""
    from sqlalchemy import func, select

    from gridcenter_desktop.core.enums import TicketStatus
    from gridcenter_desktop.db.engine import make_engine
    from gridcenter_desktop.db.ticket import Ticket

    engine = make_engine(url)
    with engine.connect() as conn:
        created = conn.execute(
            select(Ticket.created_at)
            .where(Ticket.status != TicketStatus.MERGED)
            .order_by(Ticket.created_at, Ticket.id)
            .offset(size - 1)
            .limit(1)
        ).scalar()
        if created is None:  # fewer tickets than asked: all of them
            created = conn.execute(select(func.max(Ticket.created_at))).scalar_one()
    engine.dispose()
    return created.date()


def _measure_ledger(url: str, cutoff: date, out: Path) -> dict:
    from gridcenter_desktop.db.engine import make_engine, make_session_factory
    from gridcenter_desktop.reports import ledger
    from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

    engine = make_engine(url)
    base = _status_mb("VmRSS")
    with make_session_factory(engine)() as session:
        started, cpu = time.perf_counter(), time.process_time()
        result = ledger.write_queue_ledger(
            session, out, QueueFilter(created_to=cutoff), QueueOrder("created"), now=NOW
        )
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    engine.dispose()
    return {
        "rows": result.rows,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": _status_mb("VmHWM"),
        "base_mb": base,
    }


def _measure_floor(url: str, cutoff: date, out: Path) -> dict:
    from openpyxl import Workbook

    from gridcenter_desktop.core.enums import DataPurpose
    from gridcenter_desktop.core.personal_data import PersonalDataMask
    from gridcenter_desktop.db.engine import make_engine, make_session_factory
    from gridcenter_desktop.reports import ledger
    from gridcenter_desktop.services.queue import QueueFilter, QueueOrder

    engine = make_engine(url)
    mask = PersonalDataMask("viewer", DataPurpose.LEDGER)
    with make_session_factory(engine)() as session:
        values = ledger.queue_ledger_values(
            session, QueueFilter(created_to=cutoff), QueueOrder("created"), mask, NOW
        )
        rows = [list(v) for v in values]
    engine.dispose()
    started, cpu = time.perf_counter(), time.process_time()
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(ledger.SHEET_NAME)
    ws.append(["工单台账"])
    ws.append(["统计期间"])
    ws.append(list(ledger.HEADERS))
    for row in rows:
        ws.append(row)
    wb.save(out)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"rows": len(rows), "seconds": seconds, "cpu": cpu, "peak_mb": _status_mb("VmHWM")}


def _child(argv: list[str]) -> None:
    kind, url, cutoff, out = argv
    fn = _measure_floor if kind == "floor" else _measure_ledger  # "ref": an earlier ledger
    print(json.dumps(fn(url, date.fromisoformat(cutoff), Path(out))))


def _run_child(kind: str, url: str, cutoff: date, out: Path, ref_dir: Path | None) -> dict:
    env = dict(os.environ)
    if kind == "ref":  # the earlier package first on the path, ahead of the installed one
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ref_dir), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, __file__, "--child", kind, url, cutoff.isoformat(), str(out)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _interleaved(
    rounds: int, url: str, cutoff: date, out_dir: Path, ref_dir: Path | None
) -> list[dict]:
    """``rounds`` rounds of (ledger, floor[, ref]) runs, rotating which runs first."""
    contenders = ["ledger", "floor"] + (["ref"] if ref_dir else [])
    results = []
    for index in range(max(rounds, 1)):
        shift = index % len(contenders)
        kinds = contenders[shift:] + contenders[:shift]
        if len(contenders) == 2 and index % 2:
            kinds = ["floor", "ledger"]
        run = {
            kind: _run_child(kind, url, cutoff, out_dir / f"{kind}.xlsx", ref_dir) for kind in kinds
        }
        results.append(run)
        figures = "; ".join(
            f"{kind} {run[kind]['seconds']:.2f} s / {run[kind]['cpu']:.2f} s CPU"
            + (
                ""
                if kind == "floor"
                else f" (ratio {run[kind]['seconds'] / run['floor']['seconds']:.2f}"
                f" / {run[kind]['cpu'] / run['floor']['cpu']:.2f} CPU)"
            )
            for kind in contenders
        )
        print(
            f"  round {index + 1} ({' → '.join(kinds)}): {figures}; load {os.getloadavg()[0]:.2f}",
            flush=True,
        )
    return results


def _checkout(rev: str, folder: Path) -> Path:
    """The package ``gridcenter_desktop`` as it was at ``rev``, unpacked under ``folder``."""
    root = subprocess.run(
        ["git", "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=True
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "-C", root, "archive", rev, "gridcenter_desktop"], capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def _ensure_demo(url: str, tickets: int) -> None:
    from sqlalchemy import func, select

    from gridcenter_desktop.db import migrate
    from gridcenter_desktop.db.engine import make_engine
    from gridcenter_desktop.db.ticket import Ticket
    from gridcenter_desktop.demo.build import build_demo

    engine = make_engine(url)
    try:
        have = 0
        if migrate.current_revision(engine) is not None:
            with engine.connect() as conn:
                have = conn.execute(select(func.count()).select_from(Ticket)).scalar_one()
    finally:
        engine.dispose()
    if have >= tickets:
        print(f"reusing {url} ({have:,} tickets)")
        return
    print(f"building the demo with {tickets:,} tickets in {url} …", flush=True)
    started = time.perf_counter()
    build_demo(url, tickets=tickets, replace=True)
    print(f"  built in {time.perf_counter() - started:.0f} s")


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        _child(argv[1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The demo's smallest database (merged duplicates stay out of the ledger).
    parser.add_argument("--tickets", type=int, default=115_000)
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds per size")
    parser.add_argument("--db", help="database URL (default: a temp SQLite file named after N)")
    parser.add_argument("--sizes", default="10000,100000", help="ledger sizes, comma separated")
    parser.add_argument(
        "--compare-ref", metavar="REV", help="also time the ledger of git revision REV"
    )
    args = parser.parse_args(argv)
    folder = Path(tempfile.gettempdir())
    url = args.db or f"sqlite:///{folder / f'gridcenter-bench-export-{args.tickets}.sqlite3'}"
    _ensure_demo(url, args.tickets)
    load_before = os.getloadavg()
    print(
        f"{date.today().isoformat()}, {os.cpu_count()} cores, load average before"
        f" {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}; {args.rounds} rounds"
    )
    summary = []
    peaks = []
    with tempfile.TemporaryDirectory() as out_dir, tempfile.TemporaryDirectory() as ref_dir:
        ref = _checkout(args.compare_ref, Path(ref_dir)) if args.compare_ref else None
        for size in sizes_of(args.sizes):
            cutoff = _cutoff(url, min(size, args.tickets))
            print(f"size {size:,}:", flush=True)
            results = _interleaved(args.rounds, url, cutoff, Path(out_dir), ref)
            peak = max(r["ledger"]["peak_mb"] for r in results)
            peaks.append(peak)
            base = results[0]["ledger"]["base_mb"]
            for kind in ("ledger", "ref") if ref else ("ledger",):
                for measure in ("seconds", "cpu"):
                    summary.append((kind, measure, results, peak, base))
    print(
        f"{'ledger':>10} {'time':>4} {'rows':>8} {'ledger s':>9} {'floor s':>8} {'ratio':>6}"
        f" {'rounds':>11} {'median':>6} {'target':>11} {'peak MB':>8} {'after imports MB':>17}"
    )
    for kind, measure, results, peak, base in summary:
        mine = statistics.median(r[kind][measure] for r in results)
        floor = statistics.median(r["floor"][measure] for r in results)
        ratios = [r[kind][measure] / r["floor"][measure] for r in results]
        ratio = mine / floor
        verdict = "meets" if ratio <= 1.2 else "misses"
        name = "this" if kind == "ledger" else args.compare_ref[:10]
        print(
            f"{name:>10} {'wall' if measure == 'seconds' else 'CPU':>4}"
            f" {results[0][kind]['rows']:>8,} {mine:>9.2f} {floor:>8.2f} {ratio:>6.2f}"
            f" {min(ratios):>5.2f}-{max(ratios):<5.2f} {statistics.median(ratios):>6.2f}"
            f" {verdict + ' 1.2':>11} {peak:>8.0f} {base:>17.0f}"
        )
    flat = max(peaks) - min(peaks)
    print(
        f"peak memory: {max(peaks):.0f} MB (target < 200 MB:"
        f" {'meets' if max(peaks) < 200 else 'misses'}); spread across sizes {flat:.0f} MB"
        f" ({'flat' if flat < 20 else 'grows'})"
    )
    load_after = os.getloadavg()
    print(
        f"machine: {os.cpu_count()} cores, load average after"
        f" {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}"
    )
    print(
        "ratio = median ledger / median floor; rounds = lowest-highest per-round ratio;"
        " median = the rounds' median ratio; CPU = the process's own CPU time (user + system)"
        " over the same stretch, which other processes' load disturbs far less than wall time"
    )


def sizes_of(text: str) -> list[int]:
    return [int(s) for s in text.split(",") if s.strip()]


if __name__ == "__main__":
    main()
