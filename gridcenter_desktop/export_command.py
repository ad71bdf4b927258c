"""``gridcenter export open311``: the tickets as an Open311 GeoReport v2 feed.

    gridcenter export open311 --user LOGIN [--from DATE --to DATE] --out requests.json
        [--services services.json]

``--out`` ending in .xml writes the XML form. Without a period every ticket goes out. The
feed carries no personal data (services/intake/open311.py), so any signed-in role may write
it; the export is recorded in the audit trail like the Excel reports.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from gridcenter_desktop import grid_map_command
from gridcenter_desktop.cli_sign_in import add_user_option, day_argument, signed_session
from gridcenter_desktop.services.errors import ValidationError


def add_command(subparsers, *, db_option: Callable[[argparse.ArgumentParser], None]) -> None:
    """Declare ``gridcenter export open311`` (cli.py calls this)."""
    parser = subparsers.add_parser(
        "export",
        help="write the tickets as an Open311 GeoReport v2 feed (requests.json / .xml)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    db_option(parser)
    add_user_option(parser)
    kinds = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    feed = kinds.add_parser("open311", help="requests.json or requests.xml (GeoReport v2)")
    feed.add_argument("--from", dest="date_from", type=day_argument, metavar="DATE",
                      help="first day of registration, YYYY-MM-DD")  # fmt: skip
    feed.add_argument("--to", dest="date_to", type=day_argument, metavar="DATE",
                      help="last day, inclusive")  # fmt: skip
    feed.add_argument("--out", type=Path, required=True, metavar="FILE",
                      help="requests.json, or a .xml file for the XML form")  # fmt: skip
    feed.add_argument(
        "--services", type=Path, metavar="FILE",
        help="also write the service list (our categories), e.g. services.json",
    )  # fmt: skip
    db_option(feed)
    add_user_option(feed)
    parser.set_defaults(handler=run)
    grid_map_command.add_export_grids(kinds, db_option=db_option)


def run(args: argparse.Namespace) -> int:
    """Write the feed; the exit code (errors are raised for cli.main to say in one line)."""
    from gridcenter_desktop.services.intake.open311 import write_requests

    for option, path in (("--out", args.out), ("--services", args.services)):
        if path is not None and path.suffix.lower() not in (".json", ".xml"):
            raise ValidationError(
                "open311_file", "not_json_or_xml", f"{option} must name a .json or .xml file"
            )
    if (args.date_from is None) != (args.date_to is None):
        raise ValidationError("date_to", "required", "give both --from and --to")
    with signed_session(args) as (session, actor):
        done = write_requests(
            session,
            actor,
            args.out,
            date_from=args.date_from,
            date_to=args.date_to,
            services_path=args.services,
        )
    also = f" and {args.services}" if args.services else ""
    print(f"wrote {done.path} ({done.requests} requests){also}")
    return 0
