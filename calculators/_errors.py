"""Errors raised by the calculators.

Hierarchy::

    CalculatorError          anything a calculator raises on purpose
    └── InputError           one or more fields hold a value we cannot use

An ``InputError`` carries a mapping from field name to a message written for the
reader. The form puts each message next to its field; the command line prints it
beside the option's name. Nothing else should ever escape a calculator: any other
exception is a bug.
"""

from __future__ import annotations

from collections.abc import Mapping


class CalculatorError(Exception):
    """Base class for the errors a calculator raises on purpose."""


class InputError(CalculatorError):
    """Raised when one or more fields hold a value the calculator cannot use.

    Parameters:
        errors: Field name to a plain-language message, in form order.
    """

    def __init__(self, errors: Mapping[str, str]) -> None:
        if not errors:
            raise ValueError("InputError needs at least one field error")
        self.errors: dict[str, str] = dict(errors)
        """Field name to message, in form order."""
        super().__init__("; ".join(f"{name}: {msg}" for name, msg in self.errors.items()))

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields that hold a bad value."""
        return tuple(self.errors)
