"""python -m etl: the pipeline without Airflow."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from tqdm import tqdm

from etl.config import BENCHMARKS, REPO_ROOT


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {
        "run": _run,
        "reprocess": _run,
        "extract": _extract,
        "report": _report,
        "summary": _summary,
        "check": _check,
        "maintain": _maintain,
        "bench": _bench,
        "train": _train,
    }
    return handlers[args.command](args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    # Where things are, the same options for every command that touches the warehouse; unset,
    # ETL_INBOX, ETL_WAREHOUSE and ETL_REPORTS decide (etl.config.Settings).
    where = argparse.ArgumentParser(add_help=False)
    where.add_argument("--inbox", type=Path, help="the inbox folder")
    where.add_argument(
        "--warehouse", help="the DuckDB file, or a DuckLake: ducklake:postgres:<libpq string>"
    )
    where.add_argument(
        "--reports", "--out", type=Path, dest="reports",
        help="the report and Data Docs folder (default: reports/ beside the warehouse)",
    )  # fmt: skip

    run = commands.add_parser(
        "run", parents=[where], help="one full pipeline run into the warehouse"
    )
    run.add_argument("--run-id", help="default: cli__<UTC timestamp>")

    reprocess = commands.add_parser(
        "reprocess",
        parents=[where],
        help="retry still-quarantined files from their kept payloads, after a fix",
    )
    reprocess.add_argument("--reason", help="only files whose reason starts with this")
    reprocess.add_argument("--run-id")

    extract = commands.add_parser(
        "extract", help="read (body and header fields) and extract to JSON; no warehouse"
    )
    extract.add_argument("--inbox", type=Path, required=True)
    extract.add_argument("--out", type=Path, required=True)

    commands.add_parser("report", parents=[where], help="build the data-quality report (HTML)")
    commands.add_parser("summary", parents=[where], help="where the outputs are, and the last run")
    check = commands.add_parser(
        "check", parents=[where],
        help="the warehouse checks (foreign keys, unique keys, files and articles) over every "
        "row; a publish checks only the rows its run wrote",
    )  # fmt: skip
    check.add_argument("--full", action="store_true", required=True, help="every row (required)")
    maintain = commands.add_parser(
        "maintain", parents=[where],
        help="a DuckLake's maintenance: merge small files, expire snapshots older than the "
        "time-travel window, delete files nothing needs (a DuckDB file needs none)",
    )  # fmt: skip
    maintain.add_argument(
        "--keep-days", type=float, help="the time-travel window (default ETL_LAKE_KEEP_DAYS, 7)"
    )

    bench = commands.add_parser(
        "bench",
        help="benchmarks: clean (body F1, pages/s), fields (header fields against gold), "
        "extract (extract stage time / bare nlp.pipe time), stories, pipeline, silver (text "
        "readings against the same pages' HTML readings), entities (stored entities against "
        "gold, beside bare spaCy), quotes (stored quotes and speakers against gold)",
    )
    bench.add_argument(
        "what",
        choices=[
            "clean",
            "fields",
            "extract",
            "stories",
            "pipeline",
            "silver",
            "entities",
            "quotes",
        ],
    )
    bench.add_argument(
        "--cv",
        action="store_true",
        help="clean, fields: also the site-held-out (leave-site-out) cross-validated figures "
        "(clean: with the body's constants also chosen inside the training folds); "
        "entities: also the figures with NER weights fitted without the held-out days",
    )
    bench.add_argument(
        "--curve",
        action="store_true",
        help="fields: the held-out figures with each fold's models fitted on a half, three "
        "quarters and all of its training sites (a learning curve; several minutes)",
    )
    bench.add_argument(
        "--input",
        choices=["text", "html"],
        default="text",
        help="clean, fields, pipeline: read pages as",
    )
    bench.add_argument(
        "--set",
        type=Path,
        help="fields: a metadata set in ../shared/benchmarks format; entities: a gold NER set "
        "(default ner_dev); quotes: a gold quotes set (default quotes_dev)",
    )
    bench.add_argument(
        "--phases",
        action="store_true",
        help="clean: also the milliseconds a text page each step of reading takes",
    )

    train = commands.add_parser(
        "train",
        help="fit the body, header, byline name, NER or quote antecedent models on the dev sets",
    )
    train.add_argument("what", choices=["clean", "header", "names", "ner", "quotes", "all"])
    train.add_argument("--benchmarks", type=Path, default=BENCHMARKS)
    bench.add_argument(
        "--articles", type=int, help="pipeline: how many articles (default: every page once)"
    )
    bench.add_argument(
        "--warehouse-articles",
        type=int,
        default=0,
        help="pipeline: synthetic articles already in the warehouse before the run",
    )
    bench.add_argument(
        "--lake",
        help="pipeline: load a DuckLake (ducklake:postgres:..., an empty database) instead",
    )
    bench.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="stories: warehouse sizes (articles) to measure, comma-separated",
    )
    bench.add_argument(
        "--pages",
        type=Path,
        default=BENCHMARKS / "article_text_dev",
        help="clean, extract: a page set with text/ (and gold/ for clean)",
    )
    bench.add_argument("--inbox", type=Path, default=REPO_ROOT / "data" / "sample_inbox")
    bench.add_argument(
        "--out", type=Path, help="entities, quotes: write each document's prediction here"
    )
    bench.add_argument(
        "--gold", type=Path, default=REPO_ROOT / "tests" / "gold" / "sample_inbox.json"
    )

    return parser


def settings_of(args: argparse.Namespace):
    """The settings a command's --inbox, --warehouse and --reports (or the environment) give."""
    from etl.config import Settings

    return Settings.from_env(inbox=args.inbox, warehouse=args.warehouse, reports=args.reports)


def _run(args: argparse.Namespace) -> int:
    from etl import pipeline
    from etl.warehouse import WarehouseUnavailable, require_writable

    reprocess = args.command == "reprocess"
    settings = settings_of(args)
    prefix = "reprocess" if reprocess else "cli"
    run_id = args.run_id or f"{prefix}__{dt.datetime.now(dt.UTC):%Y-%m-%dT%H-%M-%S-%f}"
    try:
        require_writable(settings.warehouse)
    except WarehouseUnavailable as error:  # an operator's setting: one line, no traceback
        print(f"error: {error}", file=sys.stderr)
        return 2
    with tqdm(total=6, desc="news-etl", unit="stage", file=sys.stderr) as bar:

        def progress(stage: str) -> None:
            bar.set_postfix_str(stage)
            bar.update(0 if stage == "ingest" else 1)

        result = pipeline.run_all(
            settings,
            run_id,
            progress,
            reprocess=reprocess,
            reason_prefix=getattr(args, "reason", None),
        )
        bar.update(1)
    print(json.dumps(result, default=str))
    return 0


def _extract(args: argparse.Namespace) -> int:
    from etl.export import write_records
    from etl.pipeline import extract_records

    written = write_records(extract_records(args.inbox), args.out)
    print(json.dumps({"written": written, "out": str(args.out)}))
    return 0


def _report(args: argparse.Namespace) -> int:
    from etl.report import report_for

    index = report_for(settings_of(args))
    print(json.dumps({"report": str(index)}))
    return 0


def _bench(args: argparse.Namespace) -> int:
    if args.what == "clean":
        from bench.clean import bench_clean, bench_clean_cv, bench_clean_nested, clean_phases

        result = bench_clean(args.pages, args.input)
        if args.phases:
            result["phases"] = clean_phases(args.pages)
        if args.cv:
            result["cross_validated"] = bench_clean_cv(args.input, args.pages.parent)
            result["nested"] = bench_clean_nested(args.input, args.pages.parent)
    elif args.what == "fields":
        from bench.fields import (
            bench_fields,
            bench_fields_curve,
            bench_fields_cv,
            bench_fields_set,
        )

        if args.set is None:
            result = bench_fields(args.inbox, args.gold)
        else:
            result = bench_fields_set(args.set, args.input)
            if args.cv:
                result["cross_validated"] = bench_fields_cv(args.set, args.input)
            if args.curve:
                result["learning_curve"] = bench_fields_curve(args.set, args.input)
    elif args.what == "pipeline":
        from bench.pipeline import bench_pipeline

        if args.input == "html":  # the same pages as HTML; the ceiling reads their text
            sources, ceiling = [args.pages / "html"], [args.pages / "text"]
        else:
            sources, ceiling = [args.pages / "text", args.inbox], None
        result = bench_pipeline(
            sources, args.articles, args.warehouse_articles, ceiling, lake=args.lake
        )
    elif args.what == "entities":
        from bench.entities import NER_SET, bench_entities

        result = bench_entities(args.set or NER_SET, out=args.out, cv=args.cv)
    elif args.what == "quotes":
        from bench.quotes import QUOTES_SET, bench_quotes

        result = bench_quotes(args.set or QUOTES_SET, out=args.out)
    elif args.what == "silver":
        from bench.silver import bench_silver

        result = bench_silver(args.pages.parent)
    elif args.what == "stories":
        from bench.stories import bench_stories

        result = bench_stories([int(size) for size in args.sizes.split(",")])
    else:
        from bench.extract import bench_extract

        result = bench_extract(args.pages / "text" if args.pages.exists() else args.inbox)
    print(json.dumps(result, indent=2))
    return 0


def _train(args: argparse.Namespace) -> int:
    """Fit and save the models under etl/page/models and etl/nlp/models, printing their
    held-out figures."""
    from bench.train import train_clean
    from bench.train_antecedents import train_quotes
    from bench.train_header import train_header
    from bench.train_names import train_names
    from bench.train_ner import train_ner

    result = {}
    if args.what in ("clean", "all"):
        result["clean"] = train_clean(args.benchmarks)
    if args.what in ("header", "all"):
        result["header"] = train_header(args.benchmarks)
    if args.what in ("names", "all"):  # reads the header models' picks: after them
        result["names"] = train_names(args.benchmarks)
    if args.what in ("ner", "all"):
        result["ner"] = train_ner(args.benchmarks)
    if args.what in ("quotes", "all"):  # reads the NER: after it
        result["quotes"] = train_quotes(args.benchmarks)
    print(json.dumps(result, indent=2))
    return 0


def _check(args: argparse.Namespace) -> int:
    """Each check with its violations, read-only; exit status 1 when any check fails. The
    outcome is recorded in the run ledger, where the report reads it."""
    import datetime as dt
    import time

    from etl.ledger import ledger_folder, record_full_check
    from etl.warehouse.checks import run_checks
    from etl.warehouse.connection import connect

    settings = settings_of(args)
    if not settings.warehouse.exists():
        print(f"no warehouse at {settings.warehouse}", file=sys.stderr)
        return 2
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    with connect(settings.warehouse, read_only=True) as con:
        results = run_checks(con, "check_full")
    found = {row.expectation: int(row.unexpected_count) for row in results.itertuples()}
    seconds = time.perf_counter() - clock
    record_full_check(ledger_folder(settings.staging), started, seconds, found)
    print(json.dumps({"warehouse": str(settings.warehouse), "violations": found}, indent=2))
    return 0 if not any(found.values()) else 1


def _maintain(args: argparse.Namespace) -> int:
    """What maintenance did, as JSON; recorded in the ledger, where the report reads it."""
    from etl.config import Settings
    from etl.pipeline import run_maintenance

    settings = Settings.from_env(
        warehouse=args.warehouse, reports=args.reports, lake_keep_days=args.keep_days
    )
    print(json.dumps(run_maintenance(settings), indent=2))
    return 0


def _summary(args: argparse.Namespace) -> int:
    from etl.report import last_run_summary

    settings = settings_of(args)
    summary = last_run_summary(settings.warehouse)
    print(f"warehouse: {settings.warehouse.resolve()}")
    print(f"report:    {(settings.reports / 'index.html').resolve()}")
    print(json.dumps(summary, default=str))
    return 0
