"""Command line: ``voteanalysis charts | validate | ...``.

User errors print their message and exit with status 2, never with a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeAlias

from .errors import Described, VoteDataError
from .version import __version__

__all__ = ["main"]


def _load(path: str | None):  # type: ignore[no-untyped-def]
    from .io.kit import load_dataset, read_dataset

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
    from .outputs.gallery import export_gallery

    written = export_gallery(_load(args.data), args.out, formats=formats)
    for path in written:
        print(f"wrote {path}")
    return 0


def _cmd_chart(args: argparse.Namespace) -> int:
    """One chart for an article: ``voteanalysis chart hemicycle --vote ID --out x.pdf``."""
    from .outputs.gallery import export_chart

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
    for line in getattr(data, "read_notes", ()):  # what a user's tables lack
        print(f"note: {line}")
    guess = getattr(data, "guess", None)
    if guess is not None:  # read from a spreadsheet: say every row not read, then the guess
        for line in guess.skipped_rows():
            print(f"not read: {line}")
        print(guess)
    return 0


def _cmd_export_excel(args: argparse.Namespace) -> int:
    from .outputs.export import export_excel

    print(f"wrote {export_excel(_load(args.data), args.out, inputs=[args.data])}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .outputs.report import export_report
    from .safewrite import check_target, ensure_folder

    if args.out.parent.is_dir():
        check_target(args.out, "the page", [args.data])
    if args.images is not None:
        ensure_folder(args.images, "the charts")
    print(f"wrote {export_report(_load(args.data), args.out, images=args.images)}")
    if args.images is not None:
        print(f"wrote the charts into {args.images}")
    return 0


#: A vote text is read only up to this many bytes (UTF-8 holds a character in 1 to 4).
MAX_TEXT_BYTES = 4 * 200_000


def _read_text_file(path: Path) -> str:
    """The text of ``path``, read only up to :data:`MAX_TEXT_BYTES`, decoded or refused."""
    from .io.textparse import MAX_CHARS
    from .io.workbook import decode_text

    if not path.is_file():
        raise VoteDataError.at(str(path), found="no such file", expected="a text file")
    with path.open("rb") as f:
        raw = f.read(MAX_TEXT_BYTES + 1)
    if len(raw) > MAX_TEXT_BYTES:
        raise VoteDataError.at(
            path.name,
            found=Described(f"a file of more than {MAX_TEXT_BYTES:,} bytes"),
            expected=f"a vote text of at most {MAX_CHARS:,} characters (a press release "
            "naming every UN member runs to a few thousand)",
        )
    text, _ = decode_text(raw, path.name, None)
    return text


def _check_url(url: str | None, option: str = "--source-url") -> None:
    if url is None:
        return
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        raise VoteDataError.at(
            None, column=option, found=url, expected=f"a web address ({exc})"
        ) from None
    if parts.scheme not in ("http", "https") or not host or any(c.isspace() for c in url):
        raise VoteDataError.at(
            None, column=option, found=url, expected="a web address starting http:// or https://"
        )


def _is_folder_target(out: str) -> bool:
    path = Path(out)
    return out.endswith(("/", os.sep)) or path.is_dir() or not path.suffix


def _import_options(args: argparse.Namespace) -> dict[str, str]:
    """The vote's own fields from the options, checked; the body may come from the file name."""
    import re

    from .io.codes import bodies_named, vote_kind
    from .schema import BODIES, DATE_PATTERN

    body = args.body
    if body is None:
        named = bodies_named(Path(args.file).stem)
        if len(named) == 1:
            body = named.pop()
            print(f"note: body {body} read from the file name {Path(args.file).name}")
    if body is None or body not in BODIES:
        raise VoteDataError.at(
            None,
            column="--body",
            found=body,
            expected="one of " + ", ".join(BODIES) + " (or a file name that names the body)",
        )
    if args.date is not None and not re.fullmatch(DATE_PATTERN[1:-1], args.date):
        raise VoteDataError.at(
            None, column="--date", found=args.date, expected="YYYY-MM-DD, YYYY-MM or YYYY"
        )
    if not args.source_url:
        raise VoteDataError.at(
            None,
            column="--source-url",
            found=None,
            expected="where the text was published: every vote and position the kit keeps "
            "carries its source",
        )
    title = args.title
    if not title:
        title = f"not given (imported from {Path(args.file).name})"
        print("note: no --title given; the vote's title says so")
    kind = args.kind or vote_kind(args.title or "")
    if not args.kind:
        print(f"note: kind '{kind}' read from the title; give --kind to set it")
    return {
        "body": body,
        "session": args.session or "",
        "date": args.date or "",
        "title": title,
        "kind": kind,
    }


def _cmd_update_unga(args: argparse.Namespace) -> int:
    """What a newer UN Digital Library download adds to the bundled General Assembly record."""
    from .io.unga import load_unga

    data = load_unga(update=args.file)
    added = data.votes.attrs["update"]
    print(f"{args.file}: {len(added)} votes not in the bundled record (to 2025-10-29)")
    for row in added.itertuples():
        print(f"  {row.date}  {row.document}  (session {row.session})")
    print("use them with va.load_dataset('unga', update=...); the bundled files are unchanged")
    return 0


def _cmd_import_text(args: argparse.Namespace) -> int:
    """Positions (and, into a folder, the vote) from a pasted vote text.

    The report goes to stderr when the CSV is on stdout. Exit 3 when the text names
    more members for a position than it states, unless ``--allow-contradiction``.
    """
    from .io.textparse import parse_vote_text
    from .safewrite import check_target, ensure_folder, replacing

    path = Path(args.file)
    _check_url(args.source_url)
    folder = args.out is not None and _is_folder_target(args.out)
    fields = _import_options(args) if folder else {}
    text = _read_text_file(path)
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
    for pos, missing in vote.unnamed.items():
        print(
            f"partial: {pos}: the text states {vote.stated[pos]} and names {vote.named[pos]}; "
            f"the other {missing} stay unattributed",
            file=report,
        )
    for pos in vote.partial:
        print(f"partial: the text presents its '{pos}' list as a selection", file=report)
    contradictions = vote.contradictions
    for pos, (total, count) in contradictions.items():
        print(f"contradiction: {pos}: the text states {total} but names {count}", file=report)
    if contradictions and not args.allow_contradiction:
        print(
            "error: the text contradicts itself (more names than its total); nothing "
            "written. Check the text, or pass --allow-contradiction to keep both with "
            "confidence 'low'",
            file=sys.stderr,
        )
        return 3
    if not args.source_url:
        print(
            "note: no --source-url given; the kit's positions table needs one on every row "
            "before these positions can join a dataset",
            file=report,
        )
    table = vote.positions_table(args.vote_id, source_url=args.source_url)
    if args.out is None:
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    if not folder:
        with replacing(args.out, "the positions CSV", inputs=[path]) as f:
            f.write(table.to_csv(index=False, lineterminator="\n").encode("utf-8"))
        print(f"wrote {args.out} ({len(table)} positions)")
        return 0
    out = Path(args.out)
    if out.is_dir():
        for name in ("votes.csv", "positions.csv"):
            check_target(out / name, name, [path])
            _only_this_vote(out / name, args.vote_id)
    ensure_folder(out, "the dataset")
    votes = _votes_row(args, fields, vote, bool(contradictions))
    for name, frame in (("votes.csv", votes), ("positions.csv", table)):
        with replacing(out / name, name, inputs=[path]) as f:
            f.write(frame.to_csv(index=False, lineterminator="\n").encode("utf-8"))
    print(
        f"wrote {out / 'votes.csv'} (1 vote) and {out / 'positions.csv'} ({len(table)} positions)"
    )
    return 0


def _only_this_vote(table: Path, vote_id: str) -> None:
    """Refuse to replace a table that holds other votes than ``vote_id`` (someone's data)."""
    import csv
    import io

    from .io.workbook import decode_text

    if not table.is_file():
        return
    text, _ = decode_text(table.read_bytes(), table.name, None)
    ids = {row.get("vote_id") for row in csv.DictReader(io.StringIO(text, newline=""))}
    others = sorted(str(i) for i in ids if i != vote_id)
    if others:
        raise VoteDataError.at(
            str(table),
            found=Described(f"a table holding other votes ({', '.join(others[:3])} …)"),
            expected=f"a new folder, or one holding only vote {vote_id!r} from an earlier import",
        )


def _votes_row(
    args: argparse.Namespace, fields: dict[str, str], vote: Any, contradicted: bool
) -> Any:
    """The ``votes`` table of one vote: the options given and the totals the text states."""
    import pandas as pd

    from .schema import VOTES

    def total(*positions: str) -> str:
        values = [vote.stated[p] for p in positions if vote.stated[p] is not None]
        return str(sum(values)) if values else ""

    quote = vote.stated_quote or next(iter(vote._quotes.values()), "")
    notes = list(vote.mismatches)
    if vote.stated["absent"] is not None:
        notes.append("not_voting counts the members the text states absent")
    row = {c: "" for c in VOTES.columns}
    row.update(fields)
    row.update(
        vote_id=args.vote_id,
        yes=total("yes"),
        no=total("no"),
        abstain=total("abstain"),
        not_voting=total("absent", "not_voting"),
        source_url=args.source_url,
        source_quote=quote,
        confidence="low" if contradicted or vote.mismatches else "medium",
        notes="; ".join(notes),
    )
    return pd.DataFrame([row], columns=VOTES.columns, dtype="str")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="voteanalysis",
        description="Analyse recorded votes in the governing bodies of international "
        "organisations.",
    )
    parser.add_argument("--version", action="version", version=f"voteanalysis {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_charts(sub)
    _add_chart(sub)
    _add_validate_and_export(sub)
    _add_import_text(sub)
    _add_report_and_update(sub)
    return parser


_Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def _add_charts(sub: _Subparsers) -> None:
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


def _add_chart(sub: _Subparsers) -> None:
    from .outputs.gallery import CHART_KINDS

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


def _add_validate_and_export(sub: _Subparsers) -> None:
    validate = sub.add_parser("validate", help="check a dataset and report every problem")
    validate.add_argument("path", help="dataset folder, datapackage.json or .xlsx")
    validate.set_defaults(func=_cmd_validate)

    export = sub.add_parser("export-excel", help="write the dataset to an Excel workbook")
    export.add_argument(
        "--data", help="dataset folder, datapackage.json, .xlsx or .csv (default: the bundled data)"
    )
    export.add_argument("out", type=Path, metavar="OUT.xlsx", help="the workbook to write")
    export.set_defaults(func=_cmd_export_excel)


def _add_import_text(sub: _Subparsers) -> None:
    text = sub.add_parser(
        "import-text", help="read a pasted vote list (press release, report) into positions"
    )
    text.add_argument("file", help="text file holding the vote list")
    text.add_argument("--vote-id", required=True, help="vote_id to give the positions")
    text.add_argument(
        "--out",
        help="a folder (ending in /) to write votes.csv and positions.csv into, read by "
        "--data; or a .csv file for the positions alone (default: standard output)",
    )
    text.add_argument("--source-url", help="where the text was published (a web address)")
    text.add_argument("--body", help="the voting body, e.g. UNHRC (default: from the file name)")
    text.add_argument("--session", help="the session as the body numbers it, e.g. HRC51")
    text.add_argument("--date", help="date of the vote: YYYY-MM-DD, YYYY-MM or YYYY")
    text.add_argument("--title", help="what was voted on")
    text.add_argument(
        "--kind",
        choices=("resolution", "decision", "amendment", "procedural", "election"),
        help="what the vote decides (default: read from the title)",
    )
    text.add_argument(
        "--allow-contradiction",
        action="store_true",
        help="write even when the text names more members than it states (confidence low)",
    )
    text.add_argument(
        "--accept-suggestions",
        action="store_true",
        help="take the closest known name for an unknown one, and say so",
    )
    text.set_defaults(func=_cmd_import_text)


def _add_report_and_update(sub: _Subparsers) -> None:
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

    update = sub.add_parser(
        "update-unga",
        help="list what a newer UN Digital Library General Assembly file adds to the record",
    )
    update.add_argument("file", help="the Library's bulk CSV (.csv, .gz, .zip) or MARCXML")
    update.set_defaults(func=_cmd_update_unga)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] | None = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 1
    previous = None
    if threading.current_thread() is threading.main_thread():
        # A kill by SIGTERM unwinds like an error: temporary files are removed and the
        # files being replaced are left as they were.
        previous = signal.signal(signal.SIGTERM, _terminated)
    try:
        return func(args)
    except VoteDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except (ValueError, TypeError, RecursionError, MemoryError) as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        print(f"error: {first}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; no file was changed", file=sys.stderr)
        return 130
    except Exception as exc:  # a fault of the kit's own: still one line, not a traceback
        first = (str(exc).strip().splitlines() or [""])[0]
        print(
            f"error: {type(exc).__name__}: {first} (a fault in voteanalysis; please report it)",
            file=sys.stderr,
        )
        return 70
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _terminated(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    sys.exit(main())
