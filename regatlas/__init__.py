"""regatlas: a cited, dated atlas of cross-border crypto-asset regulation.

The public Python API is what `__all__` names; everything else is private. `Atlas` is imported on
first use, so `import regatlas` stays fast.

>>> import regatlas
>>> isinstance(regatlas.__version__, str), "Atlas" in regatlas.__all__
(True, True)
>>> issubclass(regatlas.NotFound, regatlas.RegatlasError)
True
"""

from typing import TYPE_CHECKING, Any

from regatlas.errors import InputError, NotFound, RegatlasError, RulebookError

if TYPE_CHECKING:  # for type checkers and the API reference; at run time see __getattr__
    from regatlas.interfaces.library import Atlas, Screened

__version__ = "0.1.0"
__all__ = ["Atlas", "InputError", "NotFound", "RegatlasError", "RulebookError", "Screened", "__version__"]


def __getattr__(name: str) -> Any:
    if name in ("Atlas", "Screened"):
        from regatlas.interfaces import library

        return getattr(library, name)
    raise AttributeError(f"module 'regatlas' has no attribute '{name}'")
