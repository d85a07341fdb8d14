"""Command line: ``python -m calculators ramp --help``.

Options are derived from each calculator's field spec, so the terminal, the form
and the parser always agree.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from . import _watch_cli
from ._errors import InputError
from ._registry import CALCULATORS, Calculator
from ._safety import red_flags_text
from .checkin import LOG_MAX_BYTES, Log, LogError, load_log
from .render import TICKED


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _add_calculator(sub: argparse._SubParsersAction[argparse.ArgumentParser], command: str, calc: Calculator[Any, Any]) -> None:
    parser = sub.add_parser(command, help=calc.title, description=f"{calc.title}: prints the result in the terminal.")
    for spec in calc.fields:
        unit = f" ({spec.unit})" if spec.unit else ""
        default = f" Default: {spec.default}." if spec.default else ""
        example = f" Day names, like {spec.example}." if spec.kind == "days" else ""
        help_text = f"{spec.label}{unit}. {spec.hint}{example}{default}".replace("%", "%%")
        if spec.kind == "flag":
            parser.add_argument(_option(spec.name), dest=spec.name, action="store_const", const=TICKED, default="", help=help_text)
        elif spec.kind == "choice":
            parser.add_argument(
                _option(spec.name), dest=spec.name, choices=[v for v, _ in spec.choices if v], default=spec.default, help=help_text
            )
        else:
            parser.add_argument(_option(spec.name), dest=spec.name, default=spec.default, metavar="VALUE", help=help_text)
    if calc.follow is not None:
        parser.add_argument(
            "--log",
            metavar="FILE",
            default="",
            help="A log saved from the planner's page (Save my log): the plan follows your check-ins, and the calendar starts today.",
        )
    formats = ("text", "csv", *(f for f in calc.exports if f != "csv"))
    notes = " ics: one all-day calendar event per run (needs --start-date; see --weekdays)." if "ics" in formats else ""
    parser.add_argument("--format", choices=formats, default="text", help=f"Output format. Default: text.{notes}")


def _table(rows: list[dict[str, str]], keys: Sequence[str]) -> str:
    widths = {k: max(len(k), *(len(row[k]) for row in rows)) for k in keys}
    lines = ["  ".join(k.replace("_", " ").ljust(widths[k]) for k in keys)]
    lines += ["  ".join(row[k].ljust(widths[k]) for k in keys) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for bad input).

    A reader who pipes the plan into ``head`` closes the pipe early: stop quietly, as
    other command-line tools do, instead of printing a traceback.
    """
    try:
        status = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return status


def _run(argv: Sequence[str] | None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m calculators", description="Stride Shift: calculators for a gradual switch to a midfoot strike."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    commands = {calc.command: calc for calc in CALCULATORS.values()}
    for command, calc in commands.items():
        _add_calculator(sub, command, calc)
    _watch_cli.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command == _watch_cli.COMMAND:
        return _watch_cli.run(args)
    calc = commands[args.command]
    raw = {spec.name: getattr(args, spec.name) for spec in calc.fields}
    log = Log()
    if getattr(args, "log", ""):
        try:
            with open(args.log, "rb") as file:
                log = load_log(file.read(LOG_MAX_BYTES + 1))
        except OSError as error:
            print(f"error: --log: cannot read {args.log}: {error.strerror}", file=sys.stderr)
            return 2
        except LogError as error:
            print(f"error: --log: {error.message.removesuffix(' Your log in this browser is unchanged.')}", file=sys.stderr)
            return 2
    try:
        inputs = calc.parse_inputs(raw)
        result = calc.follow(inputs, log) if calc.follow is not None and log.entries else calc.compute(inputs)
    except InputError as error:
        for name, message in error.errors.items():
            print(f"error: {_option(name)}: {message}", file=sys.stderr)
        return 2
    if args.format != "text" and calc.export is not None:
        try:  # the terminal is the I/O shell: it reads the clock and passes it in
            made = calc.export(result, args.format, datetime.now(UTC), date.today())
        except InputError as error:
            for name, message in error.errors.items():
                print(f"error: {_option(name)}: {message}", file=sys.stderr)
            return 2
        sys.stdout.write(made.text)
        return 0
    rows = calc.rows(result)
    if args.format == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(out.getvalue())
        return 0
    print(calc.summary(result))
    for line in calc.lead(result) if calc.lead else []:
        print(line)
    print()
    keys = [k for k in rows[0] if any(row[k] for row in rows)]  # a column empty in every row says nothing
    print(_table(rows, keys))
    print()
    if calc.notes:
        for line in calc.notes(result):
            print(line)
        print()
    print(red_flags_text())
    return 0
