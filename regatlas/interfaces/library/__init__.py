"""The Python library face of regatlas: `from regatlas import Atlas` (see `atlas.py`)."""

from regatlas.interfaces.library.atlas import Atlas, Screened

__all__ = ["Atlas", "Screened"]
