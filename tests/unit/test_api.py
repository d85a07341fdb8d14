"""The package's public names."""

from __future__ import annotations

import calculators


def test_all_lists_exactly_the_public_names() -> None:
    """``__all__`` is sorted and equals the names that do not start with an underscore."""
    public = {name for name in vars(calculators) if not name.startswith("_")}
    modules = {name for name in public if type(getattr(calculators, name)).__name__ == "module"}
    assert calculators.__all__ == sorted(calculators.__all__)
    assert set(calculators.__all__) == public - modules - {"annotations"}
