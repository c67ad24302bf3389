"""Lazy re-exports for packages whose modules are heavy to import (SQLAlchemy, lxml...).

``factcheck.store`` and ``factcheck.export`` list their public names with the module each
lives in, and resolve a name on first use (PEP 562 module ``__getattr__``), so importing the
package itself costs nothing and ``factcheck --help`` stays fast.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_exports(package: str, exports: dict[str, str], namespace: dict[str, Any]) -> Callable:
    """A module ``__getattr__`` that imports ``exports[name]`` on first use and caches the
    value in the package's ``namespace``."""

    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
