"""Calculators for a gradual switch to a midfoot or forefoot strike.

Pure Python, standard library only: the same code runs at build time, in tests,
on the command line and in the reader's browser under Pyodide.
"""

from __future__ import annotations

from ._errors import CalculatorError, InputError
from ._fields import Field, default_values, describe_inputs
from ._registry import CALCULATORS, Calculator
from .render import render_form

__all__ = [
    "CALCULATORS",
    "Calculator",
    "CalculatorError",
    "Field",
    "InputError",
    "default_values",
    "describe_inputs",
    "render_form",
]
