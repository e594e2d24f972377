"""Progress on standard error, for every long run (a build, a benchmark): in a terminal, Rich bars; elsewhere (a
file, a pipe, a CI log) one line per stage every few seconds with its count, rate and time left, and a line when
it ends; nothing when quiet.

A Reporter is called as progress(step, done, total) (total None while unknown); a stage whose total is unknown
ends when another stage starts, or when the reporter closes."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, TypeVar

T = TypeVar("T")
EVERY = 5.0  # seconds between two lines of one stage, when standard error is not a terminal


def progress_columns() -> list[Any]:
    """The columns of every progress bar: what, bar, count, rate, time."""
    from rich.progress import BarColumn, MofNCompleteColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn

    return [TextColumn("{task.description:>8}"), BarColumn(), MofNCompleteColumn(),
            TaskProgressColumn(show_speed=True), TimeElapsedColumn()]


def duration(seconds: float) -> str:
    """A duration in a few characters: '45s', '3m 05s', '2h 10m'."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m {s % 60:02d}s"
    return f"{s // 3600}h {s % 3600 // 60:02d}m"


def _rate(n: float) -> str:
    return f"{n:.1f}" if n < 100 else f"{n:,.0f}"


@dataclass
class _Stage:
    """One stage being reported: when it began and was last printed, how far it is."""

    began: float
    printed: float
    done: int = 0
    total: int | None = None
    ended: bool = False
    task: Any = field(default=None)


class Reporter:
    """Progress of named stages on standard error: Rich bars in a terminal, else lines every `every` seconds."""

    def __init__(self, quiet: bool = False, every: float = EVERY, stream: IO[str] | None = None,
                 terminal: bool | None = None) -> None:
        from rich.console import Console

        self.stream = stream or sys.stderr
        self.console = Console(file=self.stream)
        self.quiet = quiet
        self.terminal = self.console.is_terminal if terminal is None else terminal
        self.every = every
        self.stages: dict[str, _Stage] = {}
        self.bars: Any = None

    def __enter__(self) -> Reporter:
        if self.terminal and not self.quiet:
            from rich.progress import Progress

            self.bars = Progress(*progress_columns(), console=self.console, transient=True)
            self.bars.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End every stage still open (a line each) and remove the bars."""
        for name, st in self.stages.items():
            self._end(name, st)
        if self.bars is not None:
            self.bars.__exit__(None, None, None)
            self.bars = None

    def __call__(self, step: str, done: int, total: int | None) -> None:
        """Report that `step` has done `done` of `total` items."""
        if self.quiet:
            return
        now = time.monotonic()
        st = self.stages.get(step)
        if st is None or st.ended:
            for name, other in self.stages.items():
                if other.total is None and name != step:
                    self._end(name, other)
            st = self.stages[step] = _Stage(began=now, printed=now)
            if self.bars is not None:
                st.task = self.bars.add_task(step, total=total)
        st.done, st.total = done, total
        if self.bars is not None:
            self.bars.update(st.task, completed=done, total=total)
            return
        if total is not None and done >= total:
            self._end(step, st)
        elif now - st.printed >= self.every:
            st.printed = now
            self._line(f"{step}: {self._count(st)}, {_rate(self._per_second(st, now))}/s{self._left(st, now)}")

    def track(self, items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
        """The items, reported as they are taken under `label`."""
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        n = 0
        self(label, n, total)
        for item in items:
            yield item
            n += 1
            self(label, n, total)

    def _end(self, step: str, st: _Stage) -> None:
        """The line that closes a stage (in line mode)."""
        if st.ended:
            return
        st.ended = True
        if self.bars is not None or self.quiet:
            return
        now = time.monotonic()
        self._line(f"{step}: {self._count(st)} in {duration(now - st.began)} "
                   f"({_rate(self._per_second(st, now))}/s)")

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    @staticmethod
    def _count(st: _Stage) -> str:
        if st.total is None:
            return f"{st.done:,}"
        share = f" ({100 * st.done / st.total:.0f}%)" if st.total and st.done < st.total else ""
        return f"{st.done:,}/{st.total:,}{share}"

    @staticmethod
    def _per_second(st: _Stage, now: float) -> float:
        return st.done / max(now - st.began, 1e-6)

    def _left(self, st: _Stage, now: float) -> str:
        rate = self._per_second(st, now)
        if st.total is None or not st.done or rate <= 0:
            return ""
        return f", about {duration((st.total - st.done) / rate)} left"
