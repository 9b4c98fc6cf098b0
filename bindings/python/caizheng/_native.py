"""Loading libcaizheng and turning C status codes into Python exceptions.

The library is found, in order: the path in the CAIZHENG_LIBRARY environment variable; a
libcaizheng.so.0 (or libcaizheng.so) next to this package; one in <sys.prefix>/lib (a venv or
prefix that `cmake --install --prefix` also installed the C library into); the system search
path (ldconfig cache, LD_LIBRARY_PATH).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from pathlib import Path

__all__ = ["lib", "check", "CaizhengError", "ParseError", "OverflowError_", "DivisionByZero",
           "InexactError", "NotFoundError", "take_string"]


class CaizhengError(Exception):
    """An error reported by libcaizheng: `status` is the C status code, the message the C one."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


class ParseError(CaizhengError, ValueError):
    """Text that does not parse (CZ_ERR_PARSE); the message quotes it with its position."""


class OverflowError_(CaizhengError, ArithmeticError):
    """A result outside the 64-bit range (CZ_ERR_OVERFLOW)."""


class DivisionByZero(CaizhengError, ArithmeticError):
    """A zero divisor or a percentage on a zero base (CZ_ERR_DIVISION_BY_ZERO)."""


class InexactError(CaizhengError, ArithmeticError):
    """Digits would be lost and no rounding mode was given (CZ_ERR_INEXACT)."""


class NotFoundError(CaizhengError, LookupError):
    """A lookup found nothing (CZ_ERR_NOT_FOUND)."""


_BY_STATUS = {2: ParseError, 3: OverflowError_, 4: DivisionByZero, 5: InexactError, 6: NotFoundError}


def _candidates():
    env = os.environ.get("CAIZHENG_LIBRARY")
    if env:
        yield env
        return
    here = Path(__file__).resolve().parent
    for folder in (here, Path(sys.prefix) / "lib"):
        for name in ("libcaizheng.so.0", "libcaizheng.so"):
            p = folder / name
            if p.exists():
                yield str(p)
    found = ctypes.util.find_library("caizheng")
    if found:
        yield found
    yield "libcaizheng.so.0"


def _load() -> ctypes.CDLL:
    errors = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:  # try the next place
            errors.append(f"{path}: {e}")
    raise ImportError("cannot load libcaizheng (set CAIZHENG_LIBRARY): " + "; ".join(errors))


lib = _load()

lib.cz_last_error.restype = ctypes.c_char_p
lib.cz_last_error.argtypes = []
lib.cz_status_name.restype = ctypes.c_char_p
lib.cz_status_name.argtypes = [ctypes.c_int32]
lib.cz_version_string.restype = ctypes.c_char_p
lib.cz_version_string.argtypes = []
lib.cz_version_number.restype = ctypes.c_int32
lib.cz_version_number.argtypes = []
lib.cz_string_free.restype = None
lib.cz_string_free.argtypes = [ctypes.c_void_p]


def check(status: int) -> None:
    """Raise the exception matching a non-zero C status, carrying the C message."""
    if status != 0:
        message = (lib.cz_last_error() or b"").decode("utf-8", "replace")
        raise _BY_STATUS.get(status, CaizhengError)(status, message)


def take_string(ptr: ctypes.c_void_p) -> str:
    """Decode a library-allocated string and free it."""
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        lib.cz_string_free(ptr)


def declare(name: str, *argtypes) -> None:
    """Declare a C function returning a cz_status."""
    fn = getattr(lib, name)
    fn.restype = ctypes.c_int32
    fn.argtypes = list(argtypes)
