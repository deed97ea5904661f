"""Drafting a programme file from a programme document's text, by rules written for Vietnamese. Pure.

See ``draft.draft_programme`` and docs/programme-drafts.md.
"""

from nqtrack.domain.drafting.draft import Draft, Note, draft_programme

__all__ = ["Draft", "Note", "draft_programme"]
