from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="programme",
            name="territory_as_of",
            field=models.CharField(blank=True, max_length=10),
        ),
    ]
