"""The command-line tool: a thin layer over the library; every command maps to one library call."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from storyline import validate
from storyline.output import emit, to_json
from storyline.records import when

if TYPE_CHECKING:
    from rich.console import Console

# rich_markup_mode=None: help as plain text, without importing rich's Markdown renderer (1.5 s of --help)
app = typer.Typer(help="storyline: news articles in, a dated, sourced timeline of who did what to whom out.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_show_locals=False,
                  rich_markup_mode=None)


@cache
def _console() -> Console:
    """Standard error as a rich Console (made on first use: importing rich costs `storyline --help` time)."""
    from rich.console import Console

    return Console(stderr=True)


class _Stderr:
    """Standard error for messages, printed through rich."""

    def print(self, *args: Any, **kwargs: Any) -> None:
        """Print to standard error as rich.console.Console.print does."""
        _console().print(*args, **kwargs)


err = _Stderr()

DbOption = typer.Option(Path("storyline.duckdb"), "--db", help="The DuckDB store file.")
FormatOption = typer.Option("text", "--format", help="text, json or csv.")
ConfigOption = typer.Option(None, "--config", help="A settings file (TOML); ./storyline.toml when there is one.")
SetOption = typer.Option([], "--set", help="A setting KEY=VALUE over the file's (repeatable): --set event_coder=openai.")
QueryOption = typer.Option(None, "--query", help="Keywords: each must occur.")
ActorOption = typer.Option(None, "--actor", help="An actor's name (a country includes its people).")
CategoryOption = typer.Option(None, "--category", help="A PLOVER category, e.g. CONSULT.")
FromOption = typer.Option(None, "--from", help="A day, month or year: 2022-12-05, 2022-12, 'Dec 2022', 2022.")
ToOption = typer.Option(None, "--to", help="A day, month or year: 2022-12-05, 2022-12, 'Dec 2022', 2022.")


def say(message: str, style: str | None = "red") -> None:
    """One line on standard error, printed as given."""
    err.print(message, markup=False, soft_wrap=True, highlight=False, style=style)


@contextmanager
def checked() -> Iterator[None]:
    """Exit with status 2 and the one line validate.BadValue gives when a value cannot be used."""
    try:
        yield
    except validate.BadValue as e:
        say(e.on_command_line())
        raise typer.Exit(2) from None


def _filters(query: str | None, actor: str | None, category: str | None, date_from: str | None,
             date_to: str | None) -> dict[str, str | None]:
    """The filters as the API takes them, checked before the store is opened."""
    from storyline.filters import Filters

    Filters.checked(query, actor, category, date_from, date_to)
    return {"query": query, "actor": actor, "category": category, "date_from": date_from, "date_to": date_to}


def _listing(db: Path, fmt: str, what: str, filters: tuple[str | None, ...], lines: Callable) -> None:
    """Print what one query of the store answers (docs, actors, events, quotes) under the filters, in a format."""
    with checked():
        fmt, checked_filters = validate.output_format(fmt), _filters(*filters)
        with _open(db) as s:
            emit(getattr(s, what)(**checked_filters), fmt, lines)


def _settings(config: Path | None, sets: list[str]):
    """The settings from the config file and --set pairs; a bad one exits with one line."""
    from storyline.config import ConfigError, load

    try:
        return load(config, sets)
    except ConfigError as e:
        err.print(str(e), markup=False, soft_wrap=True, style="red")
        raise typer.Exit(2) from None


def _missing(db: Path) -> None:
    """Exit with one line when there is no store to read yet."""
    from storyline.store.shared import building_now

    if db.exists():
        return
    if building_now(db):
        err.print(f"no store at {db} yet: its first build is running; try again when it ends", markup=False,
                  soft_wrap=True, style="red")
    else:
        err.print(f"no store at {db}; run `storyline build PATH --db {db}` first", markup=False, soft_wrap=True,
                  style="red")
    raise typer.Exit(2)


def _open(db: Path):
    import duckdb

    from storyline.api import Storyline

    _missing(db)
    try:
        return Storyline(db)
    except duckdb.Error as e:
        err.print(f"cannot read the store {db}: {str(e).splitlines()[0][:160]}", markup=False, soft_wrap=True,
                  style="red")
        raise typer.Exit(2) from None


@app.command()
def build(paths: list[Path] = typer.Argument(..., help="Files and folders to ingest."), db: Path = DbOption,
          date: list[str] = typer.Option([], "--date", help="Pin a document's date: DOC=YYYY-MM-DD, DOC its id or "
                                                              "path (repeatable)."),
          workers: int = typer.Option(None, "--workers",
                                      help="Processes for the per-document stages (0: one per core, the default)."),
          engine: str = typer.Option(None, "--engine", help="local (the default), or ray (a Ray cluster: docs/scale.md)."),
          report_file: Path = typer.Option(None, "--report", help="Write what the build did, step by step, as JSON."),
          ray_shards: str = typer.Option(None, "--ray-shards",
                                         help="With --engine ray: a folder or URI every node reaches, for the shards."),
          config: Path = ConfigOption, set_: list[str] = SetOption,
          quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress on standard error.")) -> None:
    """Ingest files and folders into the store and run every stage (re-running is idempotent)."""
    from storyline.api import build as run_build
    from storyline.failures import failure
    from storyline.pipeline import is_rejected
    from storyline.progress import Reporter
    from storyline.stages import get as stage
    from storyline.store.shared import StoreBusy

    with checked():
        pins = validate.pins(date)
    settings = _settings(config, set_)
    with checked():
        given = {"workers": validate.count("workers", workers, 0), "engine": validate.engine(engine),
                 "ray_shards": validate.text(ray_shards)}
    settings = settings.with_(**{k: v for k, v in given.items() if v is not None})
    try:
        for name in settings.stages:
            stage(name)
    except ValueError as e:
        say(str(e))
        raise typer.Exit(2) from None
    try:
        with Reporter(quiet=quiet) as progress:
            report = run_build(paths, db, settings, pins=pins, progress=progress)
    except StoreBusy as e:
        err.print(str(e), markup=False, soft_wrap=True, style="red")
        raise typer.Exit(1) from None
    except Exception as e:  # noqa: BLE001 - not one item's fault (disk full, ...): one line; a rerun resumes
        err.print(f"build stopped: {failure('build', e)}; run it again to resume", markup=False, soft_wrap=True)
        raise typer.Exit(1) from None
    for r in report.rejects:
        what = "rejected" if is_rejected(r) else "a stage failed on"
        err.print(f"{what} {r.path or 'the corpus'}{'' if r.id in r.path else ' [' + r.id + ']'}: {r.reason}",
                  soft_wrap=True, markup=False, highlight=False)  # one line each, brackets printed as given
    failed = len(report.failed)
    err.print(f"read {report.read}, added {report.added}, unchanged {report.unchanged}, "
              f"duplicates {report.duplicates}, analysed {report.analysed}, rejected {len(report.rejects) - failed}"
              + (f", stage failures {failed}" if failed else ""), soft_wrap=True, highlight=False)
    for bad in report.bad_pins:
        say(bad.on_command_line())
    if report_file is not None:
        report_file.write_text(to_json(report.summary()) + "\n")
    if report.ingested == 0:
        err.print("[red]nothing could be ingested[/red]")
        raise typer.Exit(1)
    if report.bad_pins:
        raise typer.Exit(2)


@app.command()
def docs(db: Path = DbOption, fmt: str = FormatOption, query: str = QueryOption, actor: str = ActorOption,
         category: str = CategoryOption, date_from: str = FromOption, date_to: str = ToOption) -> None:
    """Every document: clean text, title, date decision, duplicate link, language."""
    _listing(db, fmt, "docs", (query, actor, category, date_from, date_to),
             lambda rs: (f"{r['id']}\t{when(r['published'])}\t{r['title'] or ''}" for r in rs))


@app.command()
def rejects(db: Path = DbOption, fmt: str = FormatOption) -> None:
    """Inputs that could not be used, each with its one-line reason."""
    with checked():
        fmt = validate.output_format(fmt)
        with _open(db) as s:
            emit(s.rejects(), fmt, lambda rs: (f"{r['path']}\t{r['reason']}" for r in rs))


@app.command()
def clean(file: Path = typer.Argument(..., help="One file."),
          html: bool = typer.Option(False, "--html", help="Treat the file as HTML whatever its name."),
          fmt: str = typer.Option("text", "--format", help="text or json."),
          config: Path = ConfigOption, set_: list[str] = SetOption) -> None:
    """Print the cleaned text of one file."""
    from storyline.api import clean_file
    from storyline.records import Reject, as_dict

    with checked():
        fmt = validate.output_format(fmt, ("text", "json"))
    settings = _settings(config, set_)
    for doc in clean_file(file, settings, html=html):
        if isinstance(doc, Reject):
            say(f"rejected {doc.path}: {doc.reason}")
            raise typer.Exit(1)
        if fmt == "json":
            row = as_dict(doc)
            row.pop("raw")
            emit(row, "json")
        else:
            sys.stdout.write((doc.title + "\n\n" if doc.title else "") + doc.text + "\n")


@app.command()
def actors(db: Path = DbOption, fmt: str = FormatOption,
           query: str = typer.Option(None, "--query", help="Words of a name or alias."), actor: str = ActorOption,
           category: str = CategoryOption, date_from: str = FromOption, date_to: str = ToOption) -> None:
    """Every canonical actor: name, type, country, roles, aliases, mentions."""
    _listing(db, fmt, "actors", (query, actor, category, date_from, date_to),
             lambda rs: (f"{r['name']}\t{r['type']}\t{r['country'] or ''}\t{r['mentions']}" for r in rs))


@app.command()
def events(db: Path = DbOption, fmt: str = FormatOption, query: str = QueryOption, actor: str = ActorOption,
           category: str = CategoryOption, date_from: str = FromOption, date_to: str = ToOption) -> None:
    """Every PLOVER event with actors, recipients, date and source sentence."""
    _listing(db, fmt, "events", (query, actor, category, date_from, date_to),
             lambda rs: (f"{when(r['date'])}\t{r['category']}\t{', '.join(r['actors'])} -> "
                         f"{', '.join(r['recipients'])}\t{r['text'][:80]}" for r in rs))


@app.command()
def quotes(db: Path = DbOption, fmt: str = FormatOption, query: str = QueryOption,
           actor: str = typer.Option(None, "--actor", "--speaker", help="The speaker's name (a country includes "
                                                                        "its people)."),
           category: str = CategoryOption, date_from: str = FromOption, date_to: str = ToOption) -> None:
    """Every quotation with document, speaker, text, cue and offsets."""
    _listing(db, fmt, "quotes", (query, actor, category, date_from, date_to),
             lambda rs: (f"{r['document']}\t{r['speaker'] or 'unknown speaker'}\t{r['cue']}\t{r['text'][:80]}"
                         for r in rs))


@app.command()
def timeline(db: Path = DbOption, fmt: str = FormatOption,
             query: str = typer.Option(None, "--query", help="Words every sentence told must hold."),
             keywords: str = typer.Option(None, "--keywords",
                                          help="The topic: comma-separated words, one of which each summary "
                                               "sentence holds."),
             actor: str = ActorOption, category: str = CategoryOption, date_from: str = FromOption,
             date_to: str = ToOption,
             dates: int = typer.Option(None, "--dates", help="How many days (the most salient); default: the days "
                                                            "that stand out."),
             sentences: int = typer.Option(None, "--sentences", help="Sentences per day, from distinct reports; "
                                                                    "default: one entry per event of the day."),
             all_events: bool = typer.Option(False, "--all", help="The full event log: every event, no selection.")
             ) -> None:
    """The storyline: the days that matter, what happened on each (who did what to whom), with sources."""

    def lines(rs):
        for r in rs:
            who = ", ".join(r["agents"]) + (" -> " + ", ".join(r["recipients"]) if r["recipients"] else "")
            when_ = when(r) if r["certain"] or not r.get("day") else f"{r['day']} ({when(r)})"
            mark = " (background)" if r.get("background") else ""
            yield (f"{when_}\t{r['category'] or ''}\t{who}{mark}\n    {r['summary']}\n"
                   f"    [{', '.join(r['documents'])}]")

    with checked():
        fmt, filters = validate.output_format(fmt), _filters(query, actor, category, date_from, date_to)
        size = {"dates": validate.count("dates", dates), "sentences": validate.count("sentences", sentences)}
        with _open(db) as s:
            emit(s.timeline(**filters, **size, keywords=keywords, all=all_events), fmt, lines)


@app.command("export")
def export_cmd(fmt: str = typer.Argument(..., help="json, csv, parquet, timelinejs, graphml or plover."),
               db: Path = DbOption,
               out: Path = typer.Option(Path("storyline-export"), "-o", "--out", help="Output folder or file.")) -> None:
    """Export the store: tables as json/csv/parquet, TimelineJS3 JSON, GraphML actor network, PLOVER JSON lines."""
    import warnings

    import duckdb

    from storyline.export import LeftOut, export_format

    with checked(), warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always", LeftOut)
        fmt = export_format(fmt)
        with _open(db) as s:
            try:
                for path in s.export(fmt, out):
                    say(f"wrote {path}", style=None)
            except (OSError, duckdb.IOException) as e:
                say(f"cannot write {out}: {str(e).splitlines()[0][:200]}")
                raise typer.Exit(1) from None
    for note in notes:
        if issubclass(note.category, LeftOut):
            say(str(note.message), style="yellow")


@app.command()
def serve(db: Path = DbOption, host: str = typer.Option("127.0.0.1", "--host", help="Address to bind."),
          port: int = typer.Option(8000, "--port", help="Port.")) -> None:
    """Explore the store in the browser (read-only): timeline, events, actors, relationships, search."""
    import uvicorn

    from storyline.web import create_app

    with checked():
        validate.port(port)
    _missing(db)
    web = create_app(_open(db))
    err.print(f"storyline on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        uvicorn.run(web, host=host, port=port, log_level="warning")
    except OSError as e:
        say(f"cannot serve on {host}:{port}: {e.strerror or e}")
        raise typer.Exit(1) from None


@app.command("config")
def config_cmd(config: Path = ConfigOption, set_: list[str] = SetOption) -> None:
    """Print every setting a build would use (defaults, then ./storyline.toml or --config, then --set), as TOML."""
    from storyline.config import dump

    sys.stdout.write(dump(_settings(config, set_)))


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True}, add_help_option=False)
def bench(ctx: typer.Context) -> None:
    """Measure storyline on public evaluation data, beside a reference run: extract, speed, tempeval, quotes,
    events, tls, similarity, web (`storyline bench NAME --help`)."""
    from storyline_bench import app as bench_app  # loaded only here: the benchmarks import heavy references

    raise typer.Exit(bench_app(ctx.args, prog_name="storyline bench", standalone_mode=False) or 0)


def main(args: list[str] | None = None) -> None:
    """Entry point of the `storyline` command: a usage error (an unknown option, a value of the wrong type) is one
    line on standard error and exit status 2, as a value validate refuses is."""
    try:  # typer from 0.24 carries its own copy of click
        from typer._click import exceptions as errors
    except ImportError:  # pragma: no cover - older typer
        from click import exceptions as errors  # type: ignore[no-redef]

    try:
        code = app(args=args, standalone_mode=False)
    except errors.NoArgsIsHelpError:
        code = 2  # the help is printed
    except errors.ClickException as e:
        ctx = getattr(e, "ctx", None)
        where = ctx.command_path if ctx is not None else "storyline"
        say(f"{where}: {e.format_message()} (see {where} --help)")
        code = e.exit_code
    except (typer.Abort, KeyboardInterrupt):
        say("aborted")
        code = 1
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
