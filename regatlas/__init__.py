"""regatlas: a cited, dated atlas of cross-border crypto-asset regulation.

>>> from regatlas import __version__
>>> isinstance(__version__, str)
True
"""

__version__ = "0.1.0"
