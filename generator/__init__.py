"""Briefing: news reports in, incident briefs out."""
__version__ = "0.1.0"
TOOL = f"briefing {__version__}"
