"""The after-action report: a finished game as one self-contained, printable HTML page."""

from .keep import keep_report, reports_dir
from .page import ReportError, render_report

__all__ = ["ReportError", "keep_report", "render_report", "reports_dir"]
