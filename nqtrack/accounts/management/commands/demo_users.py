from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from nqtrack.accounts.demo import DemoRefused, demo_users_ensure


class Command(BaseCommand):
    help = (
        "Người dùng thử (chỉ khi phát triển, NQTRACK_DEBUG khác 0): tạo nếu chưa có và in mỗi người "
        "một dòng: tên đăng nhập, mật khẩu, mã vai trò, cách nhau bằng dấu tab. "
        "Mật khẩu lưu ở var/demo-users.tsv."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            users = demo_users_ensure()
        except DemoRefused as refused:
            raise CommandError(refused.message) from None
        for user in users:
            self.stdout.write(user.line())
