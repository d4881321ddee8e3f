"""Optional parts of regatlas and the extras that install them.

`pip install regatlas` gives the library and the CLI; the web server and API (`web`), PDF reports
(`pdf`), charts (`charts`) and Spark screening (`spark`) are extras, so a pipeline that only needs
answers does not install a web stack or a plotting library. A command that needs a missing extra
stops with bad-input exit code 2 and says what to install.

>>> require("json", "web", "serve").__name__
'json'
>>> require("no_such_module_xyz", "charts", "regatlas charts")
Traceback (most recent call last):
...
regatlas.errors.InputError: regatlas charts needs the 'charts' extra: pip install 'regatlas[charts]' (no_such_module_xyz is not installed)
"""

from __future__ import annotations

import importlib
from types import ModuleType

from regatlas.errors import InputError

EXTRAS = {
    "web": ("fastapi", "fastapi_offline", "uvicorn", "multipart", "orjson", "pygal_maps_world"),
    "pdf": ("weasyprint",),
    "charts": ("matplotlib", "geopandas", "pyogrio"),
    "spark": ("pyspark", "pandas"),
    "feeds": ("feedgen", "icalendar"),
}
"""Each extra and the modules it provides (pyproject.toml's optional-dependencies)."""


def require(module: str, extra: str, what: str) -> ModuleType:
    """`module`, imported; InputError naming the extra to install when it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"{what} needs the '{extra}' extra: pip install 'regatlas[{extra}]' "
                         f"({module} is not installed)") from None
