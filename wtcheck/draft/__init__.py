"""Drafting a description from what a partnership publishes (``wtcheck draft``).

Readers (``html``, ``pdf``, ``word``) turn a local document into the same plain
shape, a :class:`~wtcheck.draft.document.Document` of headings, paragraphs,
list items, tables and notes, each with its page or heading path; the cues in
``cues/draft.yaml`` (patterns and heading words, as data) find the facts in it
(``extract``); ``assemble`` puts the facts of several documents together into a
description with the evidence of each value. This layer imports only ``core``
and itself; the document libraries are imported only when a document of their
kind is read.
"""
