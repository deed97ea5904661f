"""Messages built with values that can be said again in another language.

A service words its refusals in the active language (Vietnamese on the pages); the API answers each error
in Vietnamese and English. A message made with ``translatable`` is the plain text of the active language
(it is a ``str``: stored, joined, compared and shown like any other), and it keeps its catalogue entry and
its values, so ``in_language("en")`` says the same thing, with the same values, in English. Values that are
themselves translatable (a batch's label) or lazy (a choice's label) are said in that language too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self

from django.utils import translation
from django.utils.functional import Promise


class Translatable(str):
    """The text of ``msgid`` with ``values`` in the language active when made; see ``in_language``."""

    msgid: str
    values: dict[str, Any]

    def __new__(cls, msgid: str, values: Mapping[str, Any] | None = None) -> Self:
        given = dict(values or {})
        made = super().__new__(cls, _render(msgid, given, translation.get_language() or "vi"))
        made.msgid = msgid
        made.values = given
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Translatable, (self.msgid, self.values))

    def in_language(self, language: str) -> str:
        """The same message, with the same values, in ``language``."""
        return _render(self.msgid, self.values, language)


class Worded(Translatable):
    """A message already worded in each language (a validation finding, which the domain words in
    Vietnamese and English): the active language's text, or the Vietnamese one."""

    words: dict[str, str]

    def __new__(cls, words: Mapping[str, str]) -> Self:
        given = dict(words)
        language = (translation.get_language() or "vi")[:2]
        made = str.__new__(cls, given.get(language, given.get("vi", "")))
        made.msgid, made.values, made.words = given.get("vi", ""), {}, given
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Worded, (self.words,))

    def in_language(self, language: str) -> str:
        return self.words.get(language[:2], self.words.get("vi", ""))


def translatable(msgid: str, **values: Any) -> Translatable:
    """``msgid`` (a catalogue entry with ``%(name)s`` placeholders, marked with ``gettext_noop``) filled
    with ``values``, in the active language and sayable in any other."""
    return Translatable(msgid, values)


def said_in(message: str | Promise, language: str) -> str:
    """Any message in ``language``: a translatable or lazy one is said again, a catalogue entry looked up,
    other text kept as it is."""
    if isinstance(message, Translatable):
        return message.in_language(language)
    with translation.override(language):
        if isinstance(message, Promise):
            return str(message)
        return translation.gettext(message) if message else ""


def _render(msgid: str, values: dict[str, Any], language: str) -> str:
    with translation.override(language):
        text = translation.gettext(msgid)
        if not values:
            return text
        return text % {name: _value(value, language) for name, value in values.items()}


def _value(value: Any, language: str) -> Any:
    if isinstance(value, Translatable):
        return value.in_language(language)
    if isinstance(value, Promise):
        return str(value)  # said in the language active here
    return value
