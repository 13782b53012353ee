"""``timeline import``: a web page copied as plain text becomes a draft event.

The path of one page, left to right::

    bytes ─text─▶ units ─page─▶ Page (headline, dates, byline, body …)
                                   │
    registry ─entities─▶ names ────┴─▶ writer ─▶ content/events/<date>-<slug>.md

Every stage is a pure function of its input except :mod:`.cli`, which reads and
writes files and prints.
"""
