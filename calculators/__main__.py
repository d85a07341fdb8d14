"""``python -m calculators``: the calculators in a terminal."""

import sys

from ._cli import main

sys.exit(main())
