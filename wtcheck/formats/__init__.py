"""Output formats: each module renders the report model (``wtcheck.report``) as text."""
