# The accounts scopes decide who reviews updates and sets schedules (docs/security.md): the interim
# model permissions go, and so do their rows, so that no grant of them is left that looks as if it counted.

from django.db import migrations

RETIRED = ("manage_schedule", "review_update")


def drop_retired_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="tracking", codename__in=RETIRED).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("tracking", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="progressupdate",
            options={"ordering": ["-posted_on", "-id"]},
        ),
        migrations.AlterModelOptions(
            name="trackeditem",
            options={"ordering": ["position"]},
        ),
        migrations.RunPython(drop_retired_permissions, migrations.RunPython.noop),
    ]
