from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0002_programme_territory"),
    ]

    operations = [
        migrations.AddField(
            model_name="target",
            name="series_break",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
    ]
