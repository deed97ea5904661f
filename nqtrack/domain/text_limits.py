"""How long the texts people write may be, and the message when one is longer. Pure.

Every free text a user writes has a bound, checked where the value is judged (the services of tracking,
the readers of figures), so a form answers with a message naming the limit and nothing is stored. The
bounds of texts kept in a ``CharField`` are that field's length: SQLite does not enforce it, and
PostgreSQL would fail the whole request. The others are generous for what the text is for and keep a page
(and a report) readable.
"""

from __future__ import annotations

from nqtrack.domain.vnnumbers import format_vn_number

__all__ = [
    "CITATION",
    "COMMENT",
    "DOCUMENT_NUMBER",
    "DOCUMENT_TITLE",
    "FIGURE_COMMENT",
    "FIGURE_SOURCE",
    "FIGURE_SOURCE_URL",
    "ISSUER",
    "ITEM_CODES",
    "LINK",
    "MILESTONE_NAME",
    "NARRATIVE",
    "REASON",
    "too_long",
]

# tracking
NARRATIVE = 20_000  # what an organisation did in a period: some pages of text
COMMENT = 5_000  # a review's comment; a key project's note
DOCUMENT_TITLE = 2_000  # the summary (trích yếu) of a registered document
CITATION = 300  # "Kế hoạch số 45-KH/HU ngày 20/9/2022 của …"
DOCUMENT_NUMBER = 60  # RegisteredDocument.number
ISSUER = 300  # RegisteredDocument.issuer
LINK = 500  # Evidence.url
MILESTONE_NAME = 300  # ProjectMilestone.name
ITEM_CODES = 1_000  # the codes of the tasks a document is linked to, as typed ("III.2.4, IV.1")
# figures
FIGURE_COMMENT = 2_000  # the comment explaining a figure
FIGURE_SOURCE = 300  # Observation.source_document
FIGURE_SOURCE_URL = 1_000  # Observation.source_url
REASON = 2_000  # why a batch is returned or unlocked, a year reopened


def _count(number: int) -> str:
    return format_vn_number(number, 0)


def too_long(label: str, text: str, limit: int) -> str | None:
    """The message for a text longer than ``limit`` characters, or None when it fits.

    >>> too_long("Ghi chú", "x" * 2_500, 2_000)
    'Ghi chú dài 2.500 ký tự, vượt giới hạn 2.000 ký tự.'
    """
    if len(text) <= limit:
        return None
    return f"{label} dài {_count(len(text))} ký tự, vượt giới hạn {_count(limit)} ký tự."
