"""Read a built site's HTML the way the content checks need it.

- ``article_text`` gives the text a reader sees in a page's article (the Markdown
  content, not the theme's navigation), with citation links marked so that checks can
  find the sentences that cite a source, and with chosen parts left out (code, tables,
  forms, figures, the calculators, the references list) for the reading-ease measure.
- ``scan`` lists every URL a built page links to or fetches, and every id it defines,
  for the link checker.

Standard library only (``html.parser``); used by ``scripts/check_links.py``,
``scripts/check_claims.py``, ``scripts/readability.py`` and the tests in ``tests/content``.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements without an end tag: never pushed on the open-element stack.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Elements whose text starts a new line for a reader (a sentence cannot run across them).
BLOCK = frozenset(
    {
        "address", "blockquote", "br", "dd", "details", "div", "dl", "dt", "figcaption", "figure", "footer", "form",
        "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p", "pre", "section", "summary",
        "table", "td", "th", "tr", "ul",
    }
)  # fmt: skip
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# In ``Article.blocks`` a citation link reads OPEN href MID text CLOSE (private-use characters).
CITE_OPEN, CITE_MID, CITE_CLOSE = "\ue000", "\ue002", "\ue001"
CITE_MARK = re.compile("\ue000([^\ue002]*)\ue002([^\ue001]*)\ue001")
"""A marked citation: group 1 its href, group 2 the text the reader sees (its number)."""
CITE_GROUP = re.compile(r"\s*\[(?:\s*\ue000[^\ue001]*\ue001\s*,?)+\s*\]")
"""A bracketed group of marked citations, ``[3, 7]``."""

BODY_SKIP_TAGS = frozenset({"pre", "code", "kbd", "table", "form", "figure", "svg", "h1", "h2", "h3", "h4", "h5", "h6"})
"""Left out of body text for reading ease: code, tables, forms, figures, and headings (labels, not sentences)."""
CALCULATOR_CLASSES = frozenset({"ffr-calculator", "ffr-print-sheet", "ffr-example", "ffr-watch-reader"})
"""A calculator's baked form and result, a worked example baked into a guide page (``calc-example``),
the printable checklist and the activity-file reader (``watch:reader``): generated, not written prose."""
BODY_SKIP_CLASSES = CALCULATOR_CLASSES | {"ffr-references", "ffr-reviewed"}
"""Left out of body text: the calculators (forms and computed results), the references list, the review line."""


def _classes(attrs: dict[str, str | None]) -> set[str]:
    return set((attrs.get("class") or "").split())


class ArticleText(HTMLParser):
    """The text inside a built page's ``<article>``, block by block.

    Parameters:
        skip_tags: Elements whose whole content is left out.
        skip_classes: Elements with any of these classes are left out, with their content.

    Theme-made permalink anchors (``a.headerlink``, the pilcrow) and ``script``/``style``
    are always left out. Citation links (``a.ffr-cite``) are marked in ``blocks`` (see
    ``CITE_MARK``); ``cited`` collects their targets.
    """

    ALWAYS_SKIP_TAGS = frozenset({"script", "style", "template"})

    def __init__(self, skip_tags: frozenset[str] = frozenset(), skip_classes: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.skip_tags = skip_tags | self.ALWAYS_SKIP_TAGS
        self.skip_classes = skip_classes | {"headerlink"}
        self.blocks: list[str] = []
        self.cited: list[str] = []
        self._current: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, skipping, is citation)
        self._in_article = 0
        self._article_seen = False

    # -- parser callbacks --------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article" and not self._in_article:
            self._in_article, self._article_seen = 1, True
            self._stack = []
            return
        if not self._in_article:
            return
        if tag == "article":
            self._in_article += 1
        skipping = self._skipping or tag in self.skip_tags or bool(_classes(a) & self.skip_classes)
        cite = tag == "a" and "ffr-cite" in _classes(a)
        if tag in BLOCK and not skipping:
            self._break()
        if cite and not skipping:
            self._current.append(CITE_OPEN + (a.get("href") or "") + CITE_MID)
            self.cited.append(a.get("href") or "")
        if tag not in VOID:
            self._stack.append((tag, skipping, cite))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._in_article and tag in BLOCK and not self._skipping:
            self._break()  # <br/>, <hr/>: a line break; nothing to push

    def handle_endtag(self, tag: str) -> None:
        if not self._in_article:
            return
        if tag == "article":
            self._in_article -= 1
            if not self._in_article:
                self._break()
                return
        if tag in VOID:
            return
        # Pop to the matching element (browsers forgive unclosed <p> and <li>; so do we).
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                for _, skipping, cite in reversed(self._stack[depth:]):
                    if cite and not skipping:
                        self._current.append(CITE_CLOSE)
                del self._stack[depth:]
                break
        if tag in BLOCK and not self._skipping:
            self._break()

    def handle_data(self, data: str) -> None:
        if self._in_article and not self._skipping:
            self._current.append(data)

    # -- helpers -----------------------------------------------------------------------
    @property
    def _skipping(self) -> bool:
        return bool(self._stack) and self._stack[-1][1]

    def _break(self) -> None:
        text = normalise("".join(self._current))
        if text:
            self.blocks.append(text)
        self._current = []


def normalise(text: str) -> str:
    """Collapse runs of whitespace (no-break spaces included) into one space, and trim."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def plain(marked: str) -> str:
    """Text as a reader sees it: citation marks removed, their numbers kept (``[1, 4]``)."""
    return CITE_MARK.sub(r"\2", marked)


@dataclass
class Article:
    """A built page's article text."""

    blocks: list[str]
    """Each paragraph, list item, heading or cell, with citation links marked."""
    cited: list[str] = field(default_factory=list)
    """The href of every citation link, in page order."""

    @property
    def text(self) -> str:
        """All the text, as a reader sees it, whitespace normalised."""
        return normalise(" ".join(plain(b) for b in self.blocks))


def article_text(html: str, skip_tags: frozenset[str] = frozenset(), skip_classes: frozenset[str] = frozenset()) -> Article:
    """The text of a built page's ``<article>`` element.

    Parameters:
        html: A built page.
        skip_tags: Elements to leave out with their content (e.g. ``BODY_SKIP_TAGS``).
        skip_classes: Classes of elements to leave out with their content.

    Returns:
        The article's blocks; none if the page has no ``<article>``.
    """
    parser = ArticleText(skip_tags, skip_classes)
    parser.feed(html)
    parser.close()
    return Article(parser.blocks, parser.cited)


def body_text(html: str) -> str:
    """The prose a reader reads on a page, for reading-ease figures.

    Leaves out code, tables, forms, figures, headings, the calculators, the references
    list and the review line, and drops citation numbers (``[3]``). Each block ends as a
    sentence: a list item without a full stop still ends where the reader's eye stops.
    """
    art = article_text(html, BODY_SKIP_TAGS, BODY_SKIP_CLASSES)
    sentences = []
    for block in art.blocks:
        text = normalise(CITE_MARK.sub("", CITE_GROUP.sub("", block)))
        if re.search(r"[A-Za-z]", text):
            sentences.append(text if text[-1] in ".!?" else text.rstrip(",;:") + ".")
    return " ".join(sentences)


# -- links and ids ----------------------------------------------------------------------


@dataclass
class Reference:
    """One URL or id reference in a built page."""

    line: int
    what: str
    """Where it sits, e.g. ``<a href>`` or ``<label for>``."""
    value: str


@dataclass
class Scan:
    """Everything a built page points at, and every id it defines."""

    urls: list[Reference] = field(default_factory=list)
    id_refs: list[Reference] = field(default_factory=list)
    """Same-page id references (``for``, ``aria-labelledby``, ``aria-describedby``, ``aria-controls``)."""
    ids: set[str] = field(default_factory=set)


URL_ATTRS = {"href", "src", "poster", "action", "data", "xlink:href"}
ID_REF_ATTRS = {"for": False, "aria-labelledby": True, "aria-describedby": True, "aria-controls": True, "list": False}
"""Attributes that name ids on the same page; True where the value is a list of ids."""
URL_META = {"ffr-wheel", "ffr-watch-wheel"}
"""``<meta name=... content=URL>`` that our own scripts fetch."""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        a = {k: v for k, v in attrs if v is not None}
        if "id" in a:
            self.scan.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.scan.ids.add(a["name"])
        for name, value in a.items():
            if name in URL_ATTRS and value.strip():
                self.scan.urls.append(Reference(line, f"<{tag} {name}>", value.strip()))
            elif name in {"srcset", "imagesrcset"}:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.scan.urls.append(Reference(line, f"<{tag} {name}>", candidate.split()[0]))
            elif name in ID_REF_ATTRS and value.strip():
                for ref in value.split() if ID_REF_ATTRS[name] else [value.strip()]:
                    self.scan.id_refs.append(Reference(line, f"<{tag} {name}>", ref))
        if tag == "meta" and a.get("name") in URL_META and a.get("content"):
            self.scan.urls.append(Reference(line, f'<meta name="{a["name"]}">', a["content"]))

    handle_startendtag = handle_starttag


def scan(html: str) -> Scan:
    """Every URL, same-page id reference and id in a built page."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan


def page_url(site: Path, page: Path) -> str:
    """The site-relative URL path of a built file: ``guide/pain/index.html`` -> ``guide/pain/``."""
    rel = page.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel


def built_page(site: Path, src_uri: str) -> Path:
    """The built HTML file of a Markdown page (``use_directory_urls``): ``guide/pain.md`` -> ``guide/pain/index.html``."""
    stem = src_uri[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return site / (stem + ".html")
    return site / stem / "index.html"


def site_arguments(description: str, argv: list[str] | None, default_site: Path, site_url_help: str = "") -> argparse.Namespace:
    """The command line every site checker shares: the built site's folder (and, if
    ``site_url_help`` is given, a ``--site-url`` option). Stops with a clear message when
    the folder holds no built site."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("site", nargs="?", default=default_site, type=Path, help="the built site's folder (default: site)")
    if site_url_help:
        parser.add_argument("--site-url", default="", help=site_url_help)
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} has no index.html: build the site first (make site)")
    return args
