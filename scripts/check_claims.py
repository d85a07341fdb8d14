"""Check the site's quantitative claims, kept as data in each page's front matter.

Usage: ``python scripts/check_claims.py [SITE_DIR]`` (default ``site``; build it first).
Prints one line per problem and exits 1 if there is any.

Every page under ``docs/`` lists its quantitative claims in its front matter::

    claims:
      - text: "about 15% faster"     # an exact phrase of the page's rendered text
        source: almonroeder-2013     # an id on the references page (or a list of ids)

and ``claims: []`` when it makes none. The checks, on the built HTML:

1. each page has a ``claims`` list, and each claim has a non-empty ``text`` and ``source``;
2. each claim's ``text`` appears in the page's article text (tags stripped, whitespace
   normalised, as a reader sees it);
3. each ``source`` is an entry on the references page, and the page cites it
   (a numbered link to it), so a reader can follow the number to its source;
4. every sentence that cites a source (``[@key]``) and states a number has a claim of
   that page inside the sentence, from one of the sources the sentence cites. Years
   (1900-2099) do not count as numbers, and the calculators' generated results are
   left out: their numbers come from the reader's inputs;
5. every entry on the references page is cited somewhere else on the site, by a claim
   or by a link to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts.site_html import CALCULATOR_CLASSES, CITE_GROUP, CITE_MARK, Article, article_text, built_page, normalise, plain, site_arguments
from sitebuild import references

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REFERENCES_MD = references.PAGE
REFERENCE_LINK = re.compile(r"(?:^|/)references/#([A-Za-z0-9_-]+)$")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)
# A sentence ends at . ! or ? followed by space and a capital, digit or opening quote, but
# not after "et al." or "e.g."; a citation group after a full stop stays with its sentence.
SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bal\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bc\.)\s+(?=[A-Z0-9\"“‘(])")
NUMBER = re.compile(r"\d")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Claim:
    page: str
    text: str
    sources: tuple[str, ...]


def front_matter(path: Path) -> dict[str, Any]:
    """A Markdown page's YAML front matter, or an empty mapping."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    data = yaml.safe_load(match.group(1)) if match else None
    return data if isinstance(data, dict) else {}


def read_claims(docs: Path) -> tuple[dict[str, list[Claim]], list[str]]:
    """Every page's claims, and the problems with their format.

    Returns:
        ``({"index.md": [Claim, ...], ...}, ["index.md: ...", ...])`` for every page in ``docs``.
    """
    claims: dict[str, list[Claim]] = {}
    problems: list[str] = []
    for path in sorted(docs.rglob("*.md")):
        src = path.relative_to(docs).as_posix()
        meta = front_matter(path)
        claims[src] = []
        if "claims" not in meta:
            problems.append(f"{src}: front matter has no 'claims:' list (write 'claims: []' if the page states no quantitative claim)")
            continue
        entries = meta["claims"] or []
        if not isinstance(entries, list):
            problems.append(f"{src}: 'claims:' must be a list of {{text, source}} entries")
            continue
        for number, entry in enumerate(entries, start=1):
            where = f"{src}: claim {number}"
            if not isinstance(entry, dict) or set(entry) - {"text", "source"}:
                problems.append(f"{where}: each claim has exactly the keys 'text' and 'source', got {entry!r}")
                continue
            text, source = entry.get("text"), entry.get("source")
            sources = [source] if isinstance(source, str) else source
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{where}: 'text' must be a non-empty phrase from the page")
                continue
            if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s for s in sources):
                problems.append(f"{where} ({text!r}): 'source' must be a reference id, or a list of them")
                continue
            claims[src].append(Claim(src, normalise(text), tuple(sources)))
    return claims, problems


def reference_ids(docs: Path) -> list[str]:
    """The ids of the entries on the references page, in order (read as the build reads them)."""
    return list(references.read(docs / REFERENCES_MD))


def cited_keys(article: Article) -> set[str]:
    """The reference ids that a page's citation and reference links point at."""
    return {m.group(1) for href in article.cited if (m := REFERENCE_LINK.search(href))}


def sentences(block: str) -> list[str]:
    """A block of marked article text, split into sentences."""
    return [s for s in SENTENCE_END.split(block) if s.strip()]


def uncovered_numbers(article: Article, claims: list[Claim]) -> list[str]:
    """Sentences that cite a source and state a number, but hold none of the page's claims from that source."""
    found = []
    for block in article.blocks:
        for sentence in sentences(block):
            keys = {m.group(1) for href, _ in CITE_MARK.findall(sentence) if (m := REFERENCE_LINK.search(href))}
            if not keys:
                continue
            bare = normalise(CITE_GROUP.sub("", sentence))
            if not NUMBER.search(YEAR.sub("", bare)):
                continue
            text = plain(sentence)
            if not any(c.text in text and keys & set(c.sources) for c in claims):
                found.append(plain(bare))
    return found


def check(site: Path, docs: Path = DOCS) -> list[str]:
    """Every problem with the site's claims and citations, as one line each.

    Parameters:
        site: The built site's folder.
        docs: The Markdown sources (for the front matter).
    """
    claims, problems = read_claims(docs)
    references = reference_ids(docs)
    known = set(references)
    cited_anywhere: set[str] = set()

    for src, page_claims in claims.items():
        built = built_page(site, src)
        if not built.is_file():
            problems.append(f"{src}: no built page at {built.relative_to(site)}; is it excluded from the build?")
            continue
        html = built.read_text(encoding="utf-8")
        article = article_text(html)
        text = article.text
        # The references page holds every entry itself; elsewhere a source must be linked.
        on_page = cited_keys(article) | (known if src == REFERENCES_MD else set())
        if src != REFERENCES_MD:
            cited_anywhere |= on_page | {s for c in page_claims for s in c.sources}
        for claim in page_claims:
            if claim.text not in text:
                problems.append(f"{src}: claim text not found on the page: {claim.text!r} (copy it exactly from the page as it reads)")
            for source in claim.sources:
                if source not in known:
                    problems.append(f"{src}: claim {claim.text!r} names source {source!r}, which is not on {REFERENCES_MD}")
                elif source not in on_page:
                    problems.append(f"{src}: claim {claim.text!r} names source {source!r}, but the page never cites it; add [@{source}]")
        prose = article_text(html, skip_classes=CALCULATOR_CLASSES | {"ffr-references"})
        for sentence in uncovered_numbers(prose, page_claims):
            problems.append(f"{src}: this sentence cites a source and states a number, but no claim covers it: {sentence!r}")

    # The calculators' results and any other built page (not from docs/) cite too.
    for html_file in sorted(site.rglob("*.html")):
        if html_file != built_page(site, REFERENCES_MD):
            cited_anywhere |= cited_keys(_all_links(html_file.read_text(encoding="utf-8")))
    for key in references:
        if key not in cited_anywhere:
            problems.append(f"{REFERENCES_MD}: {key!r} is cited nowhere on the site; cite it on a page or remove it")
    return problems


def _all_links(html: str) -> Article:
    """Every link on a page (not only in its article), as citation targets."""
    hrefs = re.findall(r'<a\b[^>]*\bhref="([^"]*references/#[^"]*)"', html)
    return Article([], hrefs)


def main(argv: list[str] | None = None) -> int:
    args = site_arguments(__doc__.splitlines()[0], argv, ROOT / "site")
    problems = check(args.site)
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) with claims and citations" if problems else "Every claim is on its page and cites its source.")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
