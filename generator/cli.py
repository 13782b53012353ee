"""The ``timeline`` command: parse arguments, call a command, print, exit."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .build.pipeline import BuildResult, build
from .content.assemble import Options
from .errors import Problem, Severity
from .ingest.arguments import add_parsers


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="timeline", description="Build topic timelines from Markdown events.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in [("build", "build the site into the output folder"), ("check", "check the content without writing anything")]:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--root", type=Path, default=Path("."), help="the site folder, holding content/ (default: .)")
        command.add_argument("--drafts", action="store_true", help="include events marked draft: true")
        command.add_argument("--strict", action="store_true", help="treat warnings as errors")
        command.add_argument("--base-url", help="the address the site is published at (overrides site.yaml)")
        if name == "build":
            command.add_argument("--output", "-o", type=Path, help="output folder (default: site.yaml's output, else output/)")
            command.add_argument("--no-cache", action="store_true", help="convert every body afresh and keep no cache in the output folder")
    serve = commands.add_parser("serve", help="preview the site, rebuilding on every save", description="Preview the site, rebuilding on every save.")
    serve.add_argument("--root", type=Path, default=Path("."), help="the site folder, holding content/ (default: .)")
    serve.add_argument("--port", "-p", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--drafts", action="store_true", help="include events marked draft: true")
    serve.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve.add_argument("--base-url", help="the address the site is published at (overrides site.yaml)")
    add_parsers(commands)
    return parser


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
    """Run the command line; the return value is the exit status."""
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
        from .preview.serve import ServeOptions, serve
        serve(root, ServeOptions(args.host, args.port, options, args.strict))
        return 0
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
            done = f"{result.files} files in {result.output} ({result.seconds:.2f} s)"
            print(f"built {result.events} events, {result.entities} entities: {done}{_drafts(result)}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
