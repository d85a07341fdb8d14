"""Finishing touches to the guide's tagged PDF, after WeasyPrint built its structure tree.

WeasyPrint 70 writes the guide as PDF/UA-1 (``pdf_variant="pdf/ua-1"``, passed by
``sitebuild/pdf.py``): a structure tree from the HTML elements, ``/Lang``, ``/MarkInfo``,
the title shown in the window and the PDF/UA identification in the XMP metadata. Three
things a screen reader meets are left as WeasyPrint writes them, and :func:`finish` (given
to WeasyPrint's ``write_pdf`` as its documented ``finisher``, which receives the
``pydyf.PDF`` before it is written) completes them:

- Running heads and page numbers (CSS margin boxes) are marked content that no element
  of the tree holds (WeasyPrint builds their elements but leaves them out of the tree, as
  PDF 1.7 has no artifact element). They become ``/Artifact /Pagination`` in the pages'
  content, so a reader neither reads "Page 3 of 87" between paragraphs nor finds
  untagged text.
- Header cells get a ``/Scope`` (``/Column`` in a table's head, ``/Row`` in its body, as
  the site's tables set ``scope``): WeasyPrint links data cells to their headers with
  ``/Headers`` but writes no scope, and a header over a column of row headers (the plan's
  "Week") is then tied to nothing.
- A link annotation's ``/Contents`` (its description) is the link's destination: for a
  link inside the guide WeasyPrint writes the target's id (``guide/pain/:whom-to-see``);
  it becomes the heading the link leads to, as the reader sees it. Links are also
  given the print flag, so the printed page and the screen show the same links.
"""

from __future__ import annotations

from typing import Any

import pydyf  # type: ignore[import-untyped]  # WeasyPrint's PDF writer, untyped

PRINT = 4
"""The annotation flag "print"."""


def finish(document: Any, pdf: pydyf.PDF, *, link_labels: dict[str, str] | None = None) -> None:
    """Complete the tagged ``pdf`` (see the module docstring); a PDF without tags is left alone."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    objects = pdf.objects
    root = objects[_number(pdf.catalog["StructTreeRoot"])]
    reachable = _reachable(objects, root)
    _pagination_artifacts(pdf, root, reachable)
    _header_scopes(objects, reachable)
    _describe_links(pdf, link_labels or {})


def _number(reference: Any) -> int:
    """The object number of a pydyf reference (``b"12 0 R"``)."""
    return int(bytes(reference).split()[0])


def _reachable(objects: list[Any], root: pydyf.Dictionary) -> set[int]:
    """The numbers of every object the structure tree holds, from its root down."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        kids = node.get("K", ()) if isinstance(node, dict) else ()
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, bytes) and kid.endswith(b" R"):
                number = _number(kid)
                if number not in seen:
                    seen.add(number)
                    stack.append(objects[number])
    return seen


def _pagination_artifacts(pdf: pydyf.PDF, root: pydyf.Dictionary, reachable: set[int]) -> None:
    """Make marked content whose element is outside the tree an ``/Artifact /Pagination``."""
    objects = pdf.objects
    nums = objects[_number(root["ParentTree"])]["Nums"]
    pages = [objects[_number(reference)] for reference in pdf.page_references]
    for index in range(0, len(nums), 2):
        key, value = nums[index], nums[index + 1]
        if not isinstance(value, list) or not 0 <= key < len(pages):
            continue  # an annotation's entry, not a page's marked content
        outside = {mcid for mcid, reference in enumerate(value) if isinstance(reference, bytes) and _number(reference) not in reachable}
        if not outside:
            continue
        stream = objects[_number(pages[key]["Contents"])]
        items = stream.stream
        for position, item in enumerate(items):
            if isinstance(item, dict) and item.get("MCID") in outside and position > 0:
                items[position - 1] = "/Artifact"
                items[position] = pydyf.Dictionary({"Type": "/Pagination"})
        for mcid in outside:
            value[mcid] = b"null"


def _header_scopes(objects: list[Any], reachable: set[int]) -> None:
    """Give every header cell of the tree a ``/Scope``: a column in the table's head, else a row."""
    for number in reachable:
        element = objects[number]
        if not isinstance(element, dict) or element.get("S") != "/TH":
            continue
        row = objects[_number(element["P"])]
        group = objects[_number(row["P"])] if "P" in row else {}
        scope = "/Column" if group.get("S") == "/THead" else "/Row"
        attributes = element.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
        attributes["Scope"] = scope


def _describe_links(pdf: pydyf.PDF, labels: dict[str, str]) -> None:
    """Describe each internal link by the heading it leads to, and let every link print."""
    for page_reference in pdf.page_references:
        page = pdf.objects[_number(page_reference)]
        for reference in page.get("Annots", ()):
            annotation = pdf.objects[_number(reference)]
            if annotation.get("Subtype") != "/Link":
                continue
            annotation["F"] = PRINT
            destination = annotation.get("Dest")
            label = labels.get(destination.string) if isinstance(destination, pydyf.String) else None
            if label:
                annotation["Contents"] = pydyf.String(label)
