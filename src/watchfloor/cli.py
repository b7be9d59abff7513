"""The ``watchfloor`` command. Thin: parse arguments, call the library, print."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import orjson
import typer
from typer._click.exceptions import ClickException  # Typer vendors Click; pinned in requirements

from watchfloor import __version__
from watchfloor.errors import WatchfloorError
from watchfloor.store import DEFAULT_DB, Store, open_store

app = typer.Typer(
    name="watchfloor",
    help="Read extremist correspondence with the analyst: ingest exports, then search, flag and report.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

DbOption = Annotated[
    Optional[str],
    typer.Option(
        "--db",
        envvar="WATCHFLOOR_DB",
        help=f"Database file (default ./{DEFAULT_DB}, or $WATCHFLOOR_DB).",
        show_default=False,
    ),
]


def _err(message: str) -> None:
    sys.stderr.write(f"error: {message}\n")


def _open_existing(db: str | None) -> Store:
    location = db or DEFAULT_DB
    if not os.path.exists(location):
        raise WatchfloorError(f"{location}: no database here yet (run `watchfloor ingest PATH` first)")
    return open_store(location)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"watchfloor {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """watchfloor: a workbench for analysts of extremist correspondence."""


class _Bar:
    """A rich progress bar on stderr, for ingest on a terminal."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn,
        )

        self._progress = Progress(
            TextColumn("{task.description}", style="bold"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._task: int | None = None

    def start(self, name: str, total: int) -> None:
        if len(name) > 50:
            name = "…" + name[-49:]
        self._progress.start()
        self._task = self._progress.add_task(name, total=total)

    def advance(self, nbytes: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, nbytes)

    def stop(self) -> None:
        if self._task is not None:
            self._progress.remove_task(self._task)
            self._task = None
        self._progress.stop()


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Export files, folders or zip archives.")],
    db: DbOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Read sources again even if the same file was ingested before.")
    ] = False,
    raw: Annotated[
        bool,
        typer.Option(
            "--raw/--no-raw",
            help="Keep each record exactly as the export wrote it, beside the parsed fields "
            "(about half the database's size).",
        ),
    ] = True,
    enrich: Annotated[
        bool,
        typer.Option("--enrich/--no-enrich", help="Annotate new messages with every enricher (see `watchfloor enrich`)."),
    ] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read Telegram Desktop exports (result.json, a full-account export, or their folder) into the database."""
    from watchfloor.enrich import Pipeline
    from watchfloor.ingest import ingest_paths

    store = open_store(db)
    progress = _Bar() if sys.stderr.isatty() and not quiet and not as_json else None
    pipeline = Pipeline() if enrich else None
    try:
        report = ingest_paths(
            store, paths, force=force, progress=progress, keep_raw=raw, enrich=pipeline
        )
    finally:
        store.close()
    if as_json:
        sys.stdout.write(orjson.dumps({"database": store.location, **report.as_dict()}).decode() + "\n")
    else:
        n = report.sources + report.unchanged_sources
        unchanged = f" ({report.unchanged_sources} unchanged since an earlier ingest)" if report.unchanged_sources else ""
        typer.echo(f"Ingested {n} source{'s' if n != 1 else ''}{unchanged} into {os.path.abspath(store.location)}")
        typer.echo(f"  chats     {len(report.chats):,}")
        typer.echo(f"  actors    {len(report.actors):,}")
        typer.echo(f"  messages  {report.new:,} new, {report.present:,} already present")
        typer.echo(f"  time      {report.seconds:.2f} s ({report.rate:,.0f} messages/s)")
    for line in report.errors:
        _err(line)
    if report.errors:
        raise typer.Exit(2)


@app.command("enrich")
def enrich_command(
    db: DbOption = None,
    only: Annotated[
        Optional[list[str]], typer.Option("--only", help="Run only this enricher (repeatable).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Run even where the current version already ran.")] = False,
    list_them: Annotated[bool, typer.Option("--list", help="List the enrichers and exit.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """(Re)annotate stored messages: each enricher runs where its current version has not."""
    from watchfloor.enrich import Pipeline, available
    from watchfloor.ingest import enrich_store

    if list_them:
        pipeline = Pipeline()
        for name, version in pipeline.versions.items():
            typer.echo(f"{name}\t{version}")
        if not available():
            typer.echo("(no enrichers installed)")
        return
    store = _open_existing(db)
    try:
        report = enrich_store(store, Pipeline(only), force=force)
    finally:
        store.close()
    summary = {"sources": report.sources, "messages": report.messages,
               "seconds": round(report.seconds, 3), "enrichers": report.enrichers}
    if as_json:
        typer.echo(orjson.dumps(summary).decode())
    else:
        typer.echo(f"Annotated {report.messages:,} messages of {report.sources} source(s) "
                   f"in {report.seconds:.2f} s with {', '.join(report.enrichers) or 'no enrichers'}")


@app.command()
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Count what the database holds."""
    store = _open_existing(db)
    try:
        counts = store.stats()
    finally:
        store.close()
    if as_json:
        typer.echo(orjson.dumps(counts).decode())
    else:
        for key, value in counts.items():
            typer.echo(f"{key:10}{value:>12,}")


@app.command()
def export(
    db: DbOption = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    output: Annotated[
        Optional[str], typer.Option("--output", "-o", help="Write to this file instead of standard output.")
    ] = None,
) -> None:
    """Write every message, one JSON object per line."""
    if fmt != "jsonl":
        raise WatchfloorError(f"unknown export format {fmt!r} (known: jsonl)")
    store = _open_existing(db)
    out = open(output, "wb") if output else sys.stdout.buffer
    try:
        for record in store.export_messages():
            out.write(orjson.dumps(record) + b"\n")
        out.flush()
    finally:
        store.close()
        if output:
            out.close()


# -- issue 6: labels (classify, train) --

ModelsOption = Annotated[
    Optional[str],
    typer.Option("--models", envvar="WATCHFLOOR_MODELS",
                 help="Label model folder (default: the shipped models; or one `watchfloor train` wrote).",
                 show_default=False),
]


@app.command()
def classify(
    path: Annotated[str, typer.Argument(help='JSONL file of {"id", "text"} objects, or - for standard input.')] = "-",
    models: ModelsOption = None,
    all_scores: Annotated[bool, typer.Option("--all", help="List every label's score, not only those past their threshold.")] = False,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Texts scored together.")] = 256,
) -> None:
    """Label texts: JSONL {"id","text"} in, JSONL {"id","labels":[{"name","score","evidence"}]} out."""
    from watchfloor.classify.jsonl import classify_stream

    source = sys.stdin.buffer if path == "-" else None
    classify_stream(path, source, sys.stdout.buffer, models=models, all_scores=all_scores, batch=batch)


@app.command()
def train(
    out: Annotated[
        Optional[str], typer.Option("--out", help="Folder to write the models to (default: the shipped models folder, for a full rebuild).")
    ] = None,
    label_name: Annotated[Optional[str], typer.Option("--label", help="Retrain only this label, from --data.")] = None,
    data_file: Annotated[
        Optional[str], typer.Option("--data", help='Your labelled JSONL: {"text", "labels": [...]} or {"text", "label"} per line.')
    ] = None,
    calibrate_file: Annotated[
        Optional[str], typer.Option("--calibrate", help="Labelled JSONL on which to choose each label's threshold.")
    ] = None,
    models: ModelsOption = None,
) -> None:
    """Rebuild the label models from the data (needs `make train`), retrain one label on your own
    labelled JSONL, or calibrate the thresholds on it. The result is a model folder for --models."""
    from pathlib import Path

    from watchfloor.classify import train as training
    from watchfloor.classify.labeller import MODELS, models_dir

    source = Path(models) if models else models_dir()
    if calibrate_file:
        if not out:
            raise WatchfloorError("--calibrate needs --out FOLDER (the shipped models are not changed in place)")
        training.calibrate(Path(calibrate_file), source, Path(out), log=typer.echo)
    elif label_name or data_file:
        if not (label_name and data_file and out):
            raise WatchfloorError("retraining a label needs --label NAME, --data FILE and --out FOLDER")
        training.retrain_label(label_name, Path(data_file), source, Path(out), log=typer.echo)
    else:
        training.build(Path(out) if out else MODELS, log=typer.echo)


def main() -> None:
    """Entry point: every failure a user can cause ends in one ``error:`` line, never a traceback."""
    debug = bool(os.environ.get("WATCHFLOOR_DEBUG"))
    try:
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except WatchfloorError as e:
        _err(str(e))
        sys.exit(2)
    except KeyboardInterrupt:
        _err("interrupted; nothing from the unfinished source was stored")
        sys.exit(130)
    except BrokenPipeError:
        # the reader of our output went away (`watchfloor export | head`)
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        finally:
            sys.exit(0)
    except typer.Abort:
        _err("interrupted")
        sys.exit(130)
    except ClickException as e:  # usage errors: Typer prints them with the usage line
        e.show()
        sys.exit(e.exit_code)
    except Exception as e:  # noqa: BLE001
        if debug:
            raise
        _err(f"internal error: {type(e).__name__}: {e} (set WATCHFLOOR_DEBUG=1 for details, and please report it)")
        sys.exit(1)
