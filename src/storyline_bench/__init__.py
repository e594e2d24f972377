"""Benchmarks: each prints its figures beside a reference run made in the same call.

Every benchmark is a module here that registers a command on `app` and takes `--data` and `--format`.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(help="Measure storyline on public evaluation data, beside a reference run.", no_args_is_help=True,
                  add_completion=False)

BENCHMARKS = ("extract", "clean", "cleantrain", "speed", "tempeval", "quotes", "events", "tls", "similarity", "dates", "web", "actors")

for _name in BENCHMARKS:
    importlib.import_module(f"storyline_bench.{_name}")
