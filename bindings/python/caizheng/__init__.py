"""caizheng: exact, checkable Chinese public-finance reports (Python over the C API).

Each area lives in its own module and is re-exported here.
"""
from ._native import (CaizhengError, DivisionByZero, InexactError, NotFoundError,
                      OverflowError_, ParseError)
from .money import *  # noqa: F401,F403
from . import money
from .report import *  # noqa: F401,F403
from . import report
from .classification import *  # noqa: F401,F403
from . import classification
from .formula import *  # noqa: F401,F403
from . import formula
from .scoring import *  # noqa: F401,F403
from . import scoring
from .reconcile import *  # noqa: F401,F403
from . import reconcile

__version__ = money.version()
