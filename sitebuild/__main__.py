"""The build steps around any generator.

Usage::

    python -m sitebuild before                  # wheel and bytecode, before the generator runs
    python -m sitebuild after SITE_DIR          # finish the generator's output folder
    python -m sitebuild sources [--check]       # calculators/_sources.py from docs/references.md
    python -m sitebuild zensical [--site-url URL] [--site-dir DIR]   # the whole site with Zensical

``after`` takes the site's name, description and languages from ``mkdocs.yml``
(``--config`` for another file); ``--preview`` leaves out the CSP meta and the
service worker's list, as for a preview server. ``zensical`` runs ``before``, Zensical
(``zensical.yml``) and ``after`` into ``build/zensical-site`` (MkDocs stays the production build).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import SiteError, config, references, steps, zensical


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("before", help="build the calculators' wheel (with its bytecode) and bring _sources.py up to date")
    finish = commands.add_parser("after", help="finish a generator's output folder")
    finish.add_argument("site", type=Path, help="the generator's output folder")
    finish.add_argument("--config", type=Path, default=config.CONFIG, help="the site's configuration (default: mkdocs.yml)")
    finish.add_argument("--preview", action="store_true", help="for a preview server: no CSP meta, no service-worker list")
    sources = commands.add_parser("sources", help="write calculators/_sources.py from the references page")
    sources.add_argument("--check", action="store_true", help="only check that it is current (exit 1 if not)")
    other = commands.add_parser("zensical", help="build the whole site with Zensical, between the same steps")
    other.add_argument("--site-url", help="the address it will be served at (default: FFR_SITE_URL, else site_url in mkdocs.yml)")
    other.add_argument("--site-dir", type=Path, help=f"the output folder, inside the repository (default: {zensical.SITE_DIR})")
    args = parser.parse_args(argv)
    try:
        if args.command == "before":
            _, log = steps.before()
        elif args.command == "after":
            log = steps.after(args.site, config.read(args.config), preview=args.preview)
        elif args.command == "zensical":
            site, log = zensical.build(args.site_dir, args.site_url)
            log.append(f"Built {site}")
        else:
            page = steps.DOCS / references.PAGE
            current = references.sources_module_is_current(page)
            if args.check:
                print(
                    "calculators/_sources.py is current"
                    if current
                    else "calculators/_sources.py is out of date: run `python -m sitebuild sources`"
                )
                return 0 if current else 1
            log = ["calculators/_sources.py rewritten" if references.write_sources_module(page) else "calculators/_sources.py is current"]
    except SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in log:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
