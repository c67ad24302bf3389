"""Text analysis: turn an article into claims, quotes, speakers and flags.

Pure Python (no Textual, no database, no network). Entry point: ``analyze_text``.
"""

from factcheck.analysis.model import (
    Analysis,
    Article,
    Claim,
    Flag,
    Quote,
    Reason,
    Span,
    Speaker,
)
from factcheck.analysis.pipeline import analyze_text

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "Flag",
    "Quote",
    "Reason",
    "Span",
    "Speaker",
    "analyze_text",
]
