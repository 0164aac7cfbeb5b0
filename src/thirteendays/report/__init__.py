"""The after-action report: a finished game as one self-contained, printable HTML page."""

from .page import ReportError, render_report

__all__ = ["ReportError", "render_report"]
