"""The project's own password rules (settings.AUTH_PASSWORD_VALIDATORS), with Vietnamese messages.

Django's rules keep their Vietnamese from Django's catalogue, except the minimum length: Django 6.1 changed
that message and its Vietnamese translation no longer matches, so it is given here through our catalogue.
"""

from __future__ import annotations

import unicodedata

from django.contrib.auth import password_validation
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's minimum length, with the message in Vietnamese (English in the catalogue)."""

    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


def is_repeated(password: str) -> bool:
    """Whether ``password`` is one word or chunk written twice or more ("passwordpassword", "abcabcabc").

    Case does not hide a repetition, nor do spaces and punctuation between the repeats ("Mật khẩu mật khẩu").
    """
    text = unicodedata.normalize("NFC", password).casefold()
    letters = "".join(character for character in text if character.isalnum())
    return any(_is_repetition(candidate) for candidate in (text, letters))


def _is_repetition(text: str) -> bool:
    # A string is a repeated chunk exactly when it occurs in itself doubled at an offset shorter than itself.
    return len(text) > 1 and (text + text).find(text, 1) < len(text)


class RepeatedPatternValidator:
    """Refuse a password made of one word or group of characters repeated."""

    def validate(self, password: str, user: AbstractBaseUser | None = None) -> None:
        if is_repeated(password):
            raise ValidationError(
                _("Mật khẩu này chỉ là một từ hay một cụm ký tự lặp lại."), code="password_repeated"
            )

    def get_help_text(self) -> str:
        return _("Mật khẩu không được là một từ hay một cụm ký tự lặp lại.")
