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
    embed: Annotated[
        bool,
        typer.Option("--embed/--no-embed", help="Add new messages to the semantic index (see `watchfloor embed`)."),
    ] = True,
) -> None:
    """Read exports and articles into the database: Telegram Desktop JSON (result.json, a full-account
    export, or their folder), news articles (.txt, .html), or zips of them."""
    from watchfloor.enrich import Pipeline
    from watchfloor.ingest import ingest_paths

    store = open_store(db)
    progress = _Bar() if sys.stderr.isatty() and not quiet and not as_json else None
    pipeline = Pipeline() if enrich else None
    try:
        encoder = None
        if embed:
            from watchfloor.search.vectors import Encoder

            encoder = Encoder.for_store(store)
        report = ingest_paths(
            store, paths, force=force, progress=progress, keep_raw=raw, enrich=pipeline,
            embed=encoder,
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


# -- issue 3: analyze one file without a database --


@app.command()
def analyze(
    path: Annotated[str, typer.Argument(help="An article (.txt, .html) or a chat export file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole analysis as JSON.")] = False,
    enrich: Annotated[
        bool, typer.Option("--enrich/--no-enrich", help="Run the enrichers (entities, labels, ...).")
    ] = True,
) -> None:
    """Analyse one file without a database: who is quoted saying what, with entities and labels."""
    from watchfloor.analyze import analyze_path, summarise
    from watchfloor.enrich import Pipeline

    doc = analyze_path(path, Pipeline() if enrich else None)
    if as_json:
        sys.stdout.write(orjson.dumps(doc).decode() + "\n")
    else:
        for line in summarise(doc):
            typer.echo(line)


# -- issue 4: Arabic names and actor resolution --------------------------------------------------

names_app = typer.Typer(
    help="Take Arabic names apart (kunya, ism, nasab, nisba, laqab) and compare two of them.",
    no_args_is_help=True,
)
app.add_typer(names_app, name="names")


@names_app.command("parse")
def names_parse(
    name: Annotated[str, typer.Argument(help="A name in Latin, Arabic or Cyrillic script.")],
    gloss: Annotated[
        Optional[str], typer.Option("--gloss", help="What the source says about the person: \"(the Chechen)\".")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print a name's parts, their transliteration keys, and the origins its nisbas imply."""
    from watchfloor.text.names import name_report

    report = name_report(name, gloss)
    if as_json:
        typer.echo(orjson.dumps(report).decode())
        return
    for line in report["problems"]:
        typer.echo(f"note: {line}")
    for kind, parts in report["parts"].items():
        for part in parts:
            typer.echo(f"{kind:11}{part['text']}  [key {part['key']}]")
    for kind in ("honorifics",):
        if report[kind]:
            typer.echo(f"{'honorific':11}{', '.join(report[kind])}")
    for kind in ("gloss", "role"):
        if report[kind]:
            typer.echo(f"{kind:11}{report[kind]}")
    for o in report["origins"]:
        where = f" ({o['lat']:.3f}, {o['lon']:.3f})" if o["lat"] is not None else ""
        typer.echo(f"{'origin':11}{o['name']} [{o['kind']}{', ' + o['country'] if o['country'] else ''}]{where}  via {o['via']}")
    typer.echo(f"{'key':11}{report['key'] or '(none)'}")


@names_app.command("compare")
def names_compare(
    a: Annotated[str, typer.Argument(help="The first name.")],
    b: Annotated[str, typer.Argument(help="The second name.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Say whether two names are one person, with a score and the evidence."""
    from watchfloor.text.name_compare import compare

    result = compare(a, b)
    if as_json:
        typer.echo(orjson.dumps(result.as_dict()).decode())
        return
    verdict = "same person" if result.same_person else "different people"
    typer.echo(f"{verdict} (score {result.score:.2f}{', shared origin' if result.shared_origin else ''})")
    typer.echo(result.explanation)


actors_app = typer.Typer(
    help="Actors across chats and sources, resolved into people: list, resolve, and the analyst's merge/split.",
    invoke_without_command=True,
)
app.add_typer(actors_app, name="actors")


@actors_app.callback()
def actors_list(
    ctx: typer.Context,
    db: DbOption = None,
    cluster: Annotated[Optional[str], typer.Option("--cluster", help="Only this cluster's actors.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List actors: id, names seen, cluster, origins, messages, first and last seen."""
    if ctx.invoked_subcommand is not None:
        return
    from watchfloor.analysis.actors import list_actors

    store = _open_existing(db)
    try:
        listing = list_actors(store, cluster=cluster)
    finally:
        store.close()
    if as_json:
        typer.echo(orjson.dumps(listing).decode())
        return
    state = listing["resolution"]
    if state.get("stale"):
        _err_note = "not resolved yet" if not state.get("resolved_at") else f"changed since the last resolution ({state['resolved_at']})"
        sys.stderr.write(f"note: actors {_err_note}; run `watchfloor actors resolve`\n")
    for a in listing["actors"]:
        names = ", ".join(n["name"] for n in a["names"][:3]) or (a["name"] or "")
        origins = "; ".join(o["name"] for o in a["origins"] if o["kind"] != "unknown")
        cluster_note = f"cluster {a['cluster']} ({a['cluster_size']})" if a["cluster_size"] > 1 else ""
        typer.echo("\t".join([a["id"], names, f"{a['messages']} msgs", cluster_note, origins]).rstrip())


@actors_app.command("resolve")
def actors_resolve(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Cluster the database's actors into people (names, co-occurrence, analysts' decisions)."""
    from watchfloor.analysis.actors import resolve

    store = _open_existing(db)
    try:
        summary = resolve(store)
    finally:
        store.close()
    if as_json:
        typer.echo(orjson.dumps(summary).decode())
    else:
        typer.echo(
            f"Resolved {summary['actors']:,} actors into {summary['clusters']:,} clusters "
            f"({summary['merged_actors']:,} actors merged, {summary['shared_origin_groups']:,} shared-origin groups) "
            f"in {summary['seconds']:.2f} s"
        )


@actors_app.command("show")
def actors_show(
    actor: Annotated[str, typer.Argument(help="An actor id (telegram:user42).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show an actor's cluster: members, the evidence for each merge, and analysts' decisions."""
    from watchfloor.analysis.actors import show_actor

    store = _open_existing(db)
    try:
        shown = show_actor(store, actor)
    finally:
        store.close()
    if as_json:
        typer.echo(orjson.dumps(shown).decode())
        return
    typer.echo(f"cluster {shown['cluster']}: {len(shown['members'])} actor(s)")
    for m in shown["members"]:
        typer.echo(f"  {m['id']}\t{', '.join(n['name'] for n in m['names'][:3])}\t{m['messages']} msgs")
    for link in shown["links"]:
        typer.echo(f"  {link['a']} = {link['b']} ({link['source']}, {link['score']:.2f}): {link['explanation']}")
    for d in shown["decisions"]:
        typer.echo(f"  analyst: {d['decision']} {d['a']} {d['b']} ({d['decided_at']}){': ' + d['note'] if d['note'] else ''}")


def _decide(decision: str, a: str, b: str | None, note: str | None, db: str | None, as_json: bool) -> None:
    from watchfloor.analysis.actors import decide

    store = _open_existing(db)
    try:
        result = decide(store, a, b, decision, note)
    finally:
        store.close()
    if as_json:
        typer.echo(orjson.dumps(result).decode())
    else:
        typer.echo(f"{decision} {a}{' ' + b if b else ''}: {result['outcome']}")


@actors_app.command("merge")
def actors_merge(
    a: Annotated[str, typer.Argument(help="An actor id.")],
    b: Annotated[str, typer.Argument(help="Another actor id: the same person.")],
    note: Annotated[Optional[str], typer.Option("--note", help="Why (kept with the decision).")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Confirm that two actors are one person. Wins over the algorithm and survives re-resolution."""
    _decide("merge", a, b, note, db, as_json)


@actors_app.command("split")
def actors_split(
    a: Annotated[str, typer.Argument(help="An actor id.")],
    b: Annotated[Optional[str], typer.Argument(help="Another actor id: a different person (default: every other member of A's cluster).")] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Why (kept with the decision).")] = None,
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Say that two actors are different people (or take A out of its cluster)."""
    _decide("split", a, b, note, db, as_json)
# -- issue 7: search (full text, semantic, hybrid) and the semantic index --


def _filters(chat: list[str] | None, actor: list[str] | None, since: str | None, until: str | None,
             label: list[str] | None, lang: list[str] | None, media: bool | None):  # type: ignore[no-untyped-def]
    from watchfloor.search.query import apply_filter
    from watchfloor.store.base import SearchFilters

    f = SearchFilters()
    for key, values in (("chat", chat), ("actor", actor), ("since", [since] if since else None),
                        ("until", [until] if until else None), ("label", label), ("lang", lang)):
        for v in values or ():
            apply_filter(f, key, v)
    f.has_media = media
    return f


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help='Words, "phrases", prefix*, OR, NOT/-word, (groups), and filters such as chat:NAME lang:ar since:2024-01-01.')],
    db: DbOption = None,
    mode: Annotated[str, typer.Option("--mode", help="text, semantic or hybrid.")] = "hybrid",
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many hits.")] = 20,
    chat: Annotated[Optional[list[str]], typer.Option("--chat", help="Only this chat (id or title; repeatable).")] = None,
    actor: Annotated[Optional[list[str]], typer.Option("--actor", help="Only this actor (id or name; repeatable).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="From this date (YYYY-MM-DD, UTC).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Before this date (YYYY-MM-DD, UTC).")] = None,
    label: Annotated[Optional[list[str]], typer.Option("--label", help="Only messages with this label (repeatable: any).")] = None,
    lang: Annotated[Optional[list[str]], typer.Option("--lang", help="Only messages in this language (ISO 639-1; repeatable).")] = None,
    media: Annotated[Optional[bool], typer.Option("--has-media/--no-media", help="Only messages with / without attachments.", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search messages by words (any spelling of a name) and by meaning (across languages)."""
    from watchfloor.search import search

    store = _open_existing(db)
    try:
        result = search(store, query, mode=mode, limit=limit,
                        filters=_filters(chat, actor, since, until, label, lang, media))
        out = result.as_dict()
    finally:
        store.close()
    if as_json:
        typer.echo(orjson.dumps(out).decode())
        return
    for i, hit in enumerate(out["hits"], start=1):
        text = hit["snippet"]
        for s, e in reversed(hit["highlights"]):
            text = text[:s] + "[" + text[s:e] + "]" + text[e:]
        who = (hit["actor"] or {}).get("name") or "?"
        typer.echo(f"{i:>3}. {hit['date'] or '?'}  {hit['chat']['title'] or hit['chat']['id']}  {who}  ({hit['message_id']})")
        typer.echo(f"     {text}")
        typer.echo(f"     why: {'; '.join(hit['why'])}")
    typer.echo(f"{len(out['hits'])} hit(s) in {out['took_ms']:.0f} ms ({mode})")


@app.command("embed")
def embed_command(
    db: DbOption = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Recompute every vector (after a model change or edits).")] = False,
    with_teacher: Annotated[
        bool,
        typer.Option("--teacher", help="Also store the re-ranking model's vector of every message "
                     "(slow: about 80 messages/s; makes semantic search re-rank deeper)."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Give stored messages their vectors for semantic search (new ones only, unless --rebuild)."""
    from watchfloor.search.vectors import embed_store, embed_teacher

    store = _open_existing(db)
    try:
        report = embed_store(store, rebuild=rebuild)
        teacher_added = embed_teacher(store) if with_teacher else 0
    finally:
        store.close()
    summary = {"messages": report.messages, "vectors": report.vectors, "cells": report.cells,
               "rebuilt": report.rebuilt, "seconds": round(report.seconds, 3),
               "teacher_vectors_added": teacher_added}
    if as_json:
        typer.echo(orjson.dumps(summary).decode())
    else:
        typer.echo(f"Embedded {report.messages:,} messages in {report.seconds:.2f} s; the index holds "
                   f"{report.vectors:,} vectors in {report.cells:,} cell(s)"
                   + (" (rebuilt)" if report.rebuilt else "")
                   + (f"; {teacher_added:,} re-ranking vectors added" if with_teacher else ""))
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
