"""The few settings the build steps need, read from ``mkdocs.yml`` without MkDocs.

Zensical reads the same file, so a standalone ``python -m sitebuild after`` takes the
site's name, description, language and search languages from there. (The MkDocs adapter
takes them from MkDocs' own parsed configuration instead, which honours ``-f``.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from . import ROOT, SiteError

CONFIG = ROOT / "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """YAML with MkDocs' ``!ENV`` tag; any other tag (``!!python/name:...``) reads as None."""


def _env(loader: _Loader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[str(v)] for v in variables if str(v) in os.environ), default)


def _other(loader: _Loader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _other)
_Loader.add_multi_constructor("!", _other)


@dataclass(frozen=True)
class SiteConfig:
    """What the after-step needs from the site's configuration."""

    name: str
    description: str
    language: str
    search_languages: tuple[str, ...]


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """``child`` over ``parent``, mappings merged key by key (as MkDocs and Zensical do for ``INHERIT``)."""
    out = dict(parent)
    for key, value in child.items():
        out[key] = _merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def _load(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """The file's settings, with those of the file it names under ``INHERIT`` beneath them."""
    if path.resolve() in seen:
        raise SiteError(f"{path}: INHERIT goes round in a circle")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except (OSError, yaml.YAMLError) as error:
        raise SiteError(f"cannot read {path}: {error}") from None
    if not isinstance(data, dict):
        raise SiteError(f"{path}: expected settings, one per line")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    return _merged(_load(path.parent / str(parent), (*seen, path.resolve())), data)


def read(path: Path = CONFIG) -> SiteConfig:
    """The settings from ``mkdocs.yml`` (or another file in its format, ``INHERIT`` followed)."""
    data = _load(path)
    if not data.get("site_name"):
        raise SiteError(f"{path}: no site_name")
    theme = data["theme"] if isinstance(data.get("theme"), dict) else {}
    languages: list[str] = ["en"]
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "search" in plugin and isinstance(plugin["search"], dict):
            lang = plugin["search"].get("lang") or ["en"]
            languages = [lang] if isinstance(lang, str) else [str(x) for x in lang]
    return SiteConfig(
        name=str(data["site_name"]),
        description=str(data.get("site_description") or ""),
        language=str(theme.get("language") or "en"),
        search_languages=tuple(languages),
    )
