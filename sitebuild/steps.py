"""The work before and after the generator renders the pages, runnable around any generator.

- :func:`before`: bring ``calculators/_sources.py`` up to date with the references page,
  and build the calculators' wheel with its bytecode; record where the wheel goes in the
  site (``.build-cache/build.json``) for :func:`after`; fetch the browser's pinned
  third-party wheels (``requirements/browser.txt``) into the build cache if missing.
- :func:`after`, on the generator's output folder, in this order: the wheel, the browser's
  third-party wheels (``sitebuild.wheelhouse``) and the pinned Pyodide into the site (its lock
  file trimmed, its version written into the worker); every HTML file's markup fixed and its
  head filled (CSP, theme colour, the wheels' addresses: ``sitebuild.markup``); the web app
  manifest; the service worker's list of every file (so any file written before this step,
  such as the PDF, is in it); ``_headers`` last, so it covers every file and is in no list.

``python -m sitebuild before`` and ``python -m sitebuild after SITE_DIR`` run them alone;
MkDocs' hook (``sitebuild.mkdocs.hook``) calls them itself.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import CACHE, ROOT, SiteError, headers, markup, offline, pyodide, references, wheel, wheelhouse
from .config import SiteConfig

RECORD = CACHE / "build.json"
"""What :func:`before` made, for :func:`after` when they run as separate commands."""
DOCS = ROOT / "docs"


def before(docs: Path = DOCS, *, refresh_sources: bool = False) -> tuple[wheel.Wheel, list[str]]:
    """Prepare what the pages and the after-step need.

    Parameters:
        docs: The docs folder the generator reads.
        refresh_sources: Rewrite ``calculators/_sources.py`` when the references page has
            changed (a preview server, while someone writes). Otherwise a stale module stops the
            build: a build never changes a tracked file behind its author's back.

    Returns:
        The wheel, and lines for the build's log.
    """
    log = []
    # The calculators' labels come from this repository's references page, not another site's.
    if docs.resolve() == DOCS.resolve():
        page = docs / references.PAGE
        module = references.SOURCES_MODULE.relative_to(ROOT)
        if refresh_sources:
            try:
                if references.write_sources_module(page):
                    log.append(f"Rewrote {module} from {references.PAGE}")
            except OSError as error:
                raise SiteError(f"cannot rewrite {module}: {error}") from None
        elif not references.sources_module_is_current(page):
            raise SiteError(f"{module} is out of date with docs/{references.PAGE}: run `.venv/bin/python -m sitebuild sources`")
    built = wheel.build()
    RECORD.parent.mkdir(parents=True, exist_ok=True)
    RECORD.write_text(json.dumps({"wheel": str(built.path), "url": built.url, "stdlib": str(built.stdlib)}) + "\n", encoding="utf-8")
    log.append(f"Built {built.url}")
    extras = wheelhouse.browser_wheels()  # fetched now if missing: a failure stops the build before the generator runs
    log += [f"Browser wheel {w.path.name} ready (pinned in requirements/browser.txt)" for w in extras.values()]
    return built, log


def recorded_wheel() -> wheel.Wheel:
    """The wheel the last :func:`before` built."""
    try:
        data = json.loads(RECORD.read_text(encoding="utf-8"))
        made = wheel.Wheel(Path(data["wheel"]), str(data["url"]), Path(data["stdlib"]))
    except (OSError, ValueError, KeyError):
        raise SiteError("no wheel recorded: run `python -m sitebuild before` first") from None
    if not made.path.is_file() or not made.stdlib.is_file():
        raise SiteError(f"the recorded wheel {made.path} or standard library {made.stdlib} is gone: run `python -m sitebuild before` again")
    return made


def after(site: Path, config: SiteConfig, built: wheel.Wheel | None = None, *, preview: bool = False) -> list[str]:
    """Finish the generator's output folder (see the module's docstring).

    Parameters:
        site: The built site.
        config: The site's name, description, language and search languages.
        built: The wheel :func:`before` built (default: the recorded one).
        preview: For a preview server (``mkdocs serve``): no CSP meta (its reload script is
            inline) and no service-worker list (``sw.js`` stays the template, which unregisters itself).

    Returns:
        Lines for the build's log.
    """
    if not site.is_dir():
        raise SiteError(f"no built site at {site}")
    if (site / "_headers").is_file():
        # The step writes _headers last; the generator's fresh output has none.
        raise SiteError(f"{site} is already finished (it has _headers): build it with the generator again, then run this step once")
    built = built or recorded_wheel()
    wheel.copy_into(site, built)
    extras = wheelhouse.browser_wheels()
    wheelhouse.copy_into(site, extras)
    pyodide.copy_into(site)
    csp = None if preview else headers.site_csp(site, meta=True)  # with the hash of any style the theme's bundle writes
    pages = markup.rewrite_pages(site, wheel_url=built.url, theme_colour=offline.theme_colour(), csp=csp, extra_wheels=extras)
    offline.write_manifest(site, offline.App(config.name, config.description, config.language))
    copied = ", ".join([built.url, *(w.url for w in extras.values())])
    log = [f"Finished {pages} HTML files; Pyodide {pyodide.version()} and {copied} copied in"]
    if not preview:
        log += offline.write_service_worker(site, config.search_languages)
    (site / "_headers").write_text(headers.headers_file(site))
    return log
