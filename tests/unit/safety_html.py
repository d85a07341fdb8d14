"""Read red-flag lists back out of HTML, as assistive technology meets them: each list with its label.

Shared by the unit tests (calculator results) and the build tests (built pages).
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from calculators._safety import RED_FLAGS


def squash(text: str) -> str:
    """Whitespace runs made one space."""
    return " ".join(text.split())


class _LabelledLists(HTMLParser):
    """Every ``<ul aria-labelledby>``: the text of the element it names, and the text of each item."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, list[str]] = {}
        self.lists: list[tuple[str, list[str]]] = []
        self._open: list[tuple[str, str | None, str | None]] = []  # (tag, id being read, list label)
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "ul" and found.get("aria-labelledby"):
            self.lists.append((str(found["aria-labelledby"]), []))
            self._open.append((tag, None, str(found["aria-labelledby"])))
            return
        if tag == "li" and self._open and self._open[-1][2]:
            self._item = []
        if found.get("id"):
            self.texts.setdefault(str(found["id"]), [])
        self._open.append((tag, found.get("id"), None))

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._item is not None:
            self.lists[-1][1].append(squash("".join(self._item)))
            self._item = None
        while self._open:
            open_tag, _, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for _, ident, _ in self._open:
            if ident:
                self.texts[ident].append(data)
        if self._item is not None:
            self._item.append(data)


def text_of(html: str) -> str:
    """The text a reader sees, tags dropped, whitespace squashed."""
    return squash(unescape(re.sub(r"<[^>]+>", " ", html)))


def labelled_lists(html: str) -> list[tuple[str, list[str]]]:
    """Each labelled list in ``html``: (the text of its label, the text of each item)."""
    parser = _LabelledLists()
    parser.feed(html)
    return [(squash("".join(parser.texts.get(label, []))), items) for label, items in parser.lists]


def assert_every_red_flag(html: str) -> None:
    """Every group of the red flags is in ``html`` as a list labelled by the group's title, holding exactly its signs."""
    lists = labelled_lists(html)
    for group in RED_FLAGS:
        assert (group.title, list(group.signs)) in lists, f"{group.title!r} with its {len(group.signs)} signs, in {lists}"
        assert group.lead in text_of(html), group.lead
        assert group.advice in text_of(html), group.advice


def assert_every_red_flag_in_text(text: str) -> None:
    """Every group's title and every sign, one a line, in plain text."""
    lines = [squash(line) for line in text.splitlines()]
    for group in RED_FLAGS:
        assert any(line.startswith(f"{group.title}. {group.lead}") for line in lines), group.title
        for sign in group.signs:
            assert f"- {sign}" in lines, sign
