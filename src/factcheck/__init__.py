"""factcheck: a keyboard-driven terminal assistant for newsroom fact-checkers.

The package is layered so that the analysis, storage and export code can be used from scripts
and tests without a terminal; only ``factcheck.tui`` imports Textual.
"""

__version__ = "0.1.0"
