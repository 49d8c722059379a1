"""wtcheck: check local child safeguarding arrangements against Working Together."""

__version__ = "0.1.0"
