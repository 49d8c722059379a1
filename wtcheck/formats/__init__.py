"""Output formats: each module renders the report model (``wtcheck.models.report``) as text."""
