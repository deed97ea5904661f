"""The words a reader sees on a page: the main part, without its scripts (a chart's specification) or tags."""

from __future__ import annotations

import re


def page_text(html: str) -> str:
    """The text of ``<main>``, whitespace folded."""
    main = re.search(r"<main.*?</main>", html, re.S)
    assert main is not None
    visible = re.sub(r"<script.*?</script>", " ", main.group(0), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", visible)).strip()
