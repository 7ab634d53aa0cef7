"""Command line: ``voteanalysis charts | validate | ...``.

User errors print their message and exit with status 2, never with a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__
from .errors import VoteDataError

__all__ = ["main"]


def _load(path: str | None):  # type: ignore[no-untyped-def]
    from .io import load_dataset, read_dataset

    return load_dataset() if path is None else read_dataset(path)


def _cmd_charts(args: argparse.Namespace) -> int:
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("png", "svg", "pdf")]
    if bad:
        raise VoteDataError.at(
            None,
            column="--format",
            found=",".join(bad),
            expected="png, svg or pdf, separated by commas",
        )
    from .gallery import export_gallery

    written = export_gallery(_load(args.data), args.out, formats=formats)
    for path in written:
        print(f"wrote {path}")
    return 0


def _cmd_chart(args: argparse.Namespace) -> int:
    """One chart for an article: ``voteanalysis chart hemicycle --vote ID --out x.pdf``."""
    from .gallery import export_chart

    data = _load(args.data)
    members = [m.strip() for m in args.members.split(",") if m.strip()] if args.members else None
    for column, value in (("body", args.body), ("session", args.session)):
        if value is None:
            continue
        known = sorted({str(v) for v in data.votes[column].dropna()})
        picked = data.filter(**{column: value})
        if not len(picked.votes):
            raise VoteDataError.at(
                None,
                column=f"--{column}",
                found=value,
                expected="one of " + ", ".join(known[:12]) + (" ..." if len(known) > 12 else ""),
            )
        data = picked
    try:
        path = export_chart(data, args.kind, args.out, vote_id=args.vote, members=members)
    except (KeyError, ValueError) as exc:
        print(f"error: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    data = _load(args.path)
    sizes = ", ".join(f"{len(df)} {name}" for name, df in data.tables.items() if len(df))
    print(f"{args.path}: valid ({sizes})")
    guess = getattr(data, "guess", None)
    if guess is not None:  # read from a spreadsheet: show what was guessed
        print(guess)
    return 0


def _cmd_export_excel(args: argparse.Namespace) -> int:
    from .export import export_excel

    print(f"wrote {export_excel(_load(args.data), args.out)}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import export_report

    print(f"wrote {export_report(_load(args.data), args.out, images=args.images)}")
    if args.images is not None:
        print(f"wrote the charts into {args.images}")
    return 0


def _cmd_import_text(args: argparse.Namespace) -> int:
    """Positions from a pasted vote text; the report goes to stderr when the CSV is on stdout."""
    from .textparse import parse_vote_text

    path = Path(args.file)
    if not path.is_file():
        raise VoteDataError.at(str(path), found="no such file", expected="a text file")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    vote = parse_vote_text(text, accept_suggestions=args.accept_suggestions, source=path.name)
    report = sys.stdout if args.out else sys.stderr
    stated = ", ".join(f"{p} {n}" for p, n in vote.stated.items() if n is not None)
    named = ", ".join(f"{p} {n}" for p, n in vote.named.items() if n)
    print(f"stated totals: {stated or 'none'}", file=report)
    print(f"named: {named or 'none'}", file=report)
    for line in vote.mismatches:
        print(f"mismatch: {line}", file=report)
    for line in vote.notes:
        print(f"note: {line}", file=report)
    if not args.source_url:
        print(
            "note: no --source-url given; the kit's positions table needs one on every row "
            "before these positions can join a dataset",
            file=report,
        )
    table = vote.positions_table(args.vote_id, source_url=args.source_url)
    if args.out:
        table.to_csv(args.out, index=False, encoding="utf-8", lineterminator="\n")
        print(f"wrote {args.out} ({len(table)} positions)")
    else:
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voteanalysis",
        description="Analyse recorded votes in the governing bodies of international "
        "organisations.",
    )
    parser.add_argument("--version", action="version", version=f"voteanalysis {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    charts = sub.add_parser("charts", help="export the chart gallery")
    charts.add_argument(
        "--data", help="dataset folder, datapackage.json or .xlsx (default: the bundled data)"
    )
    charts.add_argument(
        "--out",
        type=Path,
        default=Path("reports/figures"),
        help="folder to write to (default: reports/figures)",
    )
    charts.add_argument(
        "--format",
        default="png,svg",
        help="png, svg and/or pdf, comma-separated (default: png,svg)",
    )
    charts.set_defaults(func=_cmd_charts)

    from .gallery import CHART_KINDS

    kinds = "; ".join(f"{k}: {v}" for k, v in CHART_KINDS.items())
    chart = sub.add_parser(
        "chart",
        help="export one chart (" + ", ".join(CHART_KINDS) + ") as PNG, SVG or PDF",
        description=f"Export one chart. Kinds: {kinds}. The format comes from the suffix "
        "of --out (.png, .svg with editable text, .pdf with embedded fonts).",
    )
    chart.add_argument("kind", choices=list(CHART_KINDS), help="the chart to draw")
    chart.add_argument("--out", type=Path, required=True, help="file to write: .png, .svg or .pdf")
    chart.add_argument(
        "--data", help="dataset folder, datapackage.json or .xlsx (default: the bundled data)"
    )
    chart.add_argument("--vote", help="the vote a hemicycle draws (vote_id)")
    chart.add_argument("--members", help="member ids, comma-separated (opposition, timeline)")
    chart.add_argument("--body", help="only the votes of this body (e.g. ILO-GB, IAEA-BoG)")
    chart.add_argument("--session", help="only the votes of this session (e.g. GB.355)")
    chart.set_defaults(func=_cmd_chart)

    validate = sub.add_parser("validate", help="check a dataset and report every problem")
    validate.add_argument("path", help="dataset folder, datapackage.json or .xlsx")
    validate.set_defaults(func=_cmd_validate)

    export = sub.add_parser("export-excel", help="write the dataset to an Excel workbook")
    export.add_argument(
        "--data", help="dataset folder, datapackage.json, .xlsx or .csv (default: the bundled data)"
    )
    export.add_argument("out", type=Path, metavar="OUT.xlsx", help="the workbook to write")
    export.set_defaults(func=_cmd_export_excel)

    text = sub.add_parser(
        "import-text", help="read a pasted vote list (press release, report) into positions"
    )
    text.add_argument("file", help="text file holding the vote list")
    text.add_argument("--vote-id", required=True, help="vote_id to give the positions")
    text.add_argument("--out", type=Path, help="CSV to write (default: standard output)")
    text.add_argument("--source-url", help="where the text was published")
    text.add_argument(
        "--accept-suggestions",
        action="store_true",
        help="take the closest known name for an unknown one, and say so",
    )
    text.set_defaults(func=_cmd_import_text)

    report = sub.add_parser(
        "report", help="write one self-contained HTML page (charts, tables, sources) to share"
    )
    report.add_argument(
        "--data", help="dataset folder, datapackage.json, .xlsx or .csv (default: the bundled data)"
    )
    report.add_argument(
        "--images", type=Path, help="also write the page's charts as PNG files into this folder"
    )
    report.add_argument("out", type=Path, metavar="OUT.html", help="the page to write")
    report.set_defaults(func=_cmd_report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 1
    try:
        return func(args)
    except VoteDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
