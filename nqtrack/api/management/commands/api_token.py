"""`nqtrack api-token create|list|revoke`: personal access tokens of the API, made by the operator."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nqtrack.api import tokens


class Command(BaseCommand):
    help = (
        "Mã truy cập API cá nhân. `api-token create --user TÊN [--name TÊN_MÃ] [--days N]`: tạo mã (in ở "
        "từ cuối của dòng cuối; chỉ in một lần); `api-token list --user TÊN`: liệt kê; "
        "`api-token revoke ID`: thu hồi."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create", "list", "revoke"])
        parser.add_argument("token_id", nargs="?", type=int, help="revoke: số của mã (xem `api-token list`)")
        parser.add_argument("--user", help="tên đăng nhập của người dùng mã")
        parser.add_argument("--name", default="", help="tên của mã (mặc định: dòng lệnh)")
        parser.add_argument(
            "--days",
            type=int,
            default=tokens.DEFAULT_DAYS,
            help=f"số ngày hiệu lực (mặc định {tokens.DEFAULT_DAYS})",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "revoke":
            self._revoke(options["token_id"])
            return
        user = self._user(options["user"])
        if action == "list":
            self._list(user)
            return
        try:
            made = tokens.token_create(user=user, name=options["name"] or "dòng lệnh", days=options["days"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        expires = timezone.localtime(made.token.expires_at)
        self.stdout.write(
            f"Đã tạo mã truy cập số {made.token.pk} “{made.token.name}” cho {user.get_username()}, "
            f"hết hạn {expires:%d/%m/%Y %H:%M}. Chép mã ngay: nqtrack chỉ giữ bản băm của nó."
        )
        self.stdout.write(f"Mã truy cập: {made.secret}")

    def _user(self, username: str | None) -> User:
        if not username:
            raise CommandError("Cần --user TÊN (tên đăng nhập của người dùng mã).")
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có người dùng “{username}”.")
        return user

    def _list(self, user: User) -> None:
        found = list(tokens.tokens_of(user=user))
        if not found:
            self.stdout.write(f"{user.get_username()} chưa có mã truy cập nào.")
            return
        now = timezone.now()
        for token in found:
            state = (
                "đã thu hồi" if token.revoked_at else ("đang dùng" if token.is_active(now) else "đã hết hạn")
            )
            self.stdout.write(
                f"{token.pk}\t{token.prefix}…\t{token.name}\t"
                f"hết hạn {timezone.localtime(token.expires_at):%d/%m/%Y}\t{state}"
            )

    def _revoke(self, token_id: int | None) -> None:
        if token_id is None:
            raise CommandError("Cần số của mã cần thu hồi: `api-token revoke ID` (xem `api-token list`).")
        try:
            token = tokens.token_revoke(user=None, pk=token_id)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Đã thu hồi mã truy cập số {token.pk} “{token.name}” của {token.user.get_username()}."
        )
