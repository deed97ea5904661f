"""Task statuses in four words, and key projects "chưa có thông tin" until someone reports on them.

Stored statuses are mapped to the nearest new word; the next refresh (every load of the task list, the
daily job) recomputes them from the updates. A key project still at the old default with no note and no
milestone was never touched: nobody said it was not started.
"""

from typing import Any

from django.db import migrations, models

_ITEM_STATUS = {
    "not_started": "not_reported",
    "in_progress": "on_schedule",
    "overdue": "late",
    "behind": "not_reported",
}
_ITEM_STATUS_BACK = {"not_reported": "not_started", "on_schedule": "on_schedule", "late": "overdue"}


def _forward(apps: Any, schema_editor: Any) -> None:
    item = apps.get_model("tracking", "TrackedItem")
    for old, new in _ITEM_STATUS.items():
        item.objects.filter(status=old).update(status=new)
    project = apps.get_model("tracking", "ProjectTracking")
    untouched = project.objects.filter(status="not_started", note="", milestones__isnull=True)
    project.objects.filter(pk__in=list(untouched.values_list("pk", flat=True))).update(status="unknown")


def _backward(apps: Any, schema_editor: Any) -> None:
    item = apps.get_model("tracking", "TrackedItem")
    for new, old in _ITEM_STATUS_BACK.items():
        item.objects.filter(status=new).update(status=old)
    apps.get_model("tracking", "ProjectTracking").objects.filter(status="unknown").update(
        status="not_started"
    )


class Migration(migrations.Migration):
    dependencies = [("tracking", "0002_scopes_decide")]

    operations = [
        migrations.AlterField(
            model_name="projecttracking",
            name="status",
            field=models.CharField(
                choices=[
                    ("unknown", "Chưa có thông tin"),
                    ("not_started", "Chưa triển khai"),
                    ("preparing", "Chuẩn bị đầu tư / lập hồ sơ"),
                    ("in_progress", "Đang thực hiện"),
                    ("completed", "Hoàn thành"),
                    ("suspended", "Tạm dừng"),
                ],
                default="unknown",
                max_length=12,
            ),
        ),
        migrations.AlterField(
            model_name="trackeditem",
            name="status",
            field=models.CharField(
                choices=[
                    ("not_reported", "Chưa báo cáo"),
                    ("on_schedule", "Đúng tiến độ"),
                    ("late", "Chậm tiến độ"),
                    ("done", "Hoàn thành"),
                    ("done_late", "Hoàn thành muộn"),
                ],
                default="not_reported",
                max_length=12,
            ),
        ),
        migrations.RunPython(_forward, _backward),
    ]
