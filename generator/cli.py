"""The ``timeline`` command: parse arguments, call a command, print, exit."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .build.pipeline import BuildResult, build
from .content.assemble import Options
from .content.config import base_url
from .content.fields import FieldError
from .errors import Problem, Severity, errors_in, shorten
from .ingest.arguments import add_parsers, seconds
from .pool import profiled

DEBUG_ENV = "TIMELINE_DEBUG"
"""Set (to anything) to see the traceback of an internal error instead of its one-line summary."""


def _base_url(text: str) -> str:
    """``--base-url``: the same rule as ``base_url`` in site.yaml, checked before anything runs."""
    try:
        return base_url(text)
    except FieldError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _port(text: str) -> int:
    """``--port``: a TCP port, 0 to 65535 (0 picks a free one)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 5 and int(text) <= 65535):
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, got {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timeline", description="Build topic timelines from Markdown events.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in [("build", "build the site into the output folder"), ("check", "check the content without writing anything")]:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--root", type=Path, default=Path("."), help="the site folder, holding content/ (default: .)")
        command.add_argument("--drafts", action="store_true", help="include events marked draft: true")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        command.add_argument("--base-url", type=_base_url, help="the address the site is published at (overrides site.yaml)")
        if name == "check":
            command.add_argument("--online", action="store_true", help="also request every source and archive link (the only command that uses the network)")
            command.add_argument("--timeout", type=seconds, default=10.0, help="seconds to wait for each site with --online (default: 10)")
            command.add_argument("--cache", type=Path, help="where --online keeps its results (default: .timeline-links.json in the site folder)")
        if name == "build":
            command.add_argument("--output", "-o", type=Path, help="output folder (default: site.yaml's output, else output/)")
            command.add_argument("--no-cache", action="store_true", help="convert every body afresh and keep no cache in the output folder")
    serve = commands.add_parser("serve", help="preview the site, rebuilding on every save", description="Preview the site, rebuilding on every save.")
    serve.add_argument("--root", type=Path, default=Path("."), help="the site folder, holding content/ (default: .)")
    serve.add_argument("--port", "-p", type=_port, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--drafts", action="store_true", help="include events marked draft: true")
    serve.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve.add_argument("--base-url", type=_base_url, help="the address the site is published at (overrides site.yaml)")
    add_parsers(commands)
    return parser


def _online(args: argparse.Namespace, options: Options) -> int:
    """``check --online``: the content checks, then every cited link asked once."""
    from .build.onlinecheck import run

    report, problems = run(args.root, options, args.cache, args.timeout, time.time())
    found = [*problems, *(report.problems if report else ())]
    for problem in found:
        print(problem.format(), file=sys.stderr)
    errors = errors_in(found, strict=args.strict)
    if report is not None:
        print(f"online: {report.checked} links ({report.from_cache} known from the last hours), {report.dead} dead, {report.moved} moved or redirected")
    return 1 if errors or report is None else 0


def _report(result: BuildResult, strict: bool) -> None:
    for problem in result.problems:
        print(problem.format(), file=sys.stderr)
    errors = sum(1 for p in result.problems if strict or p.severity is Severity.ERROR)
    warnings = len(result.problems) - errors
    if not result.ok:
        print(f"failed: {errors} error(s), {warnings} warning(s); nothing was written", file=sys.stderr)


def _drafts(result: BuildResult) -> str:
    """``; 2 drafts left out (--drafts to include them)``, or nothing: a writer whose new event is missing learns why."""
    if not result.drafts:
        return ""
    return f"; {result.drafts} draft{'s' if result.drafts != 1 else ''} left out (--drafts to include them)"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the return value is the exit status.

    Whatever goes wrong, the user sees lines, not a traceback: content
    problems as ``file:line: key: message`` (exit 1), a wrong command line
    from argparse (exit 2), and an exception that should never happen as one
    line saying it is a bug (exit 1; :data:`DEBUG_ENV` shows the traceback).
    """
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 must print, not raise
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            reconfigure(errors="backslashreplace")
    try:
        with profiled("parent"):  # only when TIMELINE_PROFILE names a folder
            return _run(argv)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the net under every other fix: a bug is reported, not dumped
        if os.environ.get(DEBUG_ENV):
            traceback.print_exc()
        else:
            detail = shorten(" ".join(str(exc).split()))
            hint = f"{DEBUG_ENV}=1 shows where"
            print(f"timeline: internal error, a bug in timeline (not in your content): {type(exc).__name__}: {detail} ({hint})", file=sys.stderr)
        return 1


def _run(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if not args.root.is_dir():
        # named as given, so a typo in the path is plain to see; a bad command line, as argparse's own, exits 2
        what = "is not a folder" if args.root.exists() else "no such folder"
        print(Problem(str(args.root), None, "--root", f"{what}; it should be the site folder, holding content/").format(), file=sys.stderr)
        return 2
    # the import tools and the preview server load only for their own commands: a build starts faster without them
    if args.command in ("import", "new"):
        from .ingest.cli import run
        return run(args)
    options = Options(drafts=args.drafts, base_url=args.base_url)
    root = args.root
    if args.command == "serve":
        from .preview.serve import CannotServe, ServeOptions, serve
        try:
            serve(root, ServeOptions(args.host, args.port, options, args.strict))
        except CannotServe as exc:
            print(f"timeline serve: {exc}", file=sys.stderr)
            return 1
        return 0
    if args.command == "check" and args.online:
        return _online(args, options)
    if args.command == "check":
        result = build(root, options=options, strict=args.strict, write=False)
        _report(result, args.strict)
        if result.ok:
            print(f"ok: {result.events} events, {result.entities} entities, {len(result.problems)} warning(s){_drafts(result)}")
    else:
        output = args.output.absolute() if args.output else None
        result = build(root, output=output, options=options, strict=args.strict, use_cache=not args.no_cache)
        _report(result, args.strict)
        if result.ok:
            unchanged = "; nothing had changed since the last build, so nothing was written" if result.unchanged else ""
            done = f"{result.files} files in {result.output} ({result.seconds:.2f} s{unchanged})"
            print(f"built {result.events} events, {result.entities} entities: {done}{_drafts(result)}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
