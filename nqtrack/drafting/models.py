"""A programme drafted from its document, kept while a programme manager reviews it.

The draft is the programme file itself (``draft_yaml``, with each item's source and doubts as comments,
as ``nqtrack draft-programme`` writes it) beside the document's text that its spans count. Nothing of it
is in the programme tables until it is loaded; each user sees only their own drafts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ProgrammeDraft(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    document_name = models.CharField(max_length=255)
    document_text = models.TextField(blank=True)  # empty for a draft uploaded as a programme file alone
    draft_yaml = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    loaded_at = models.DateTimeField(null=True, blank=True)  # when the draft was last loaded
    loaded_code = models.CharField(max_length=100, blank=True)  # the programme it was loaded as

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.document_name
