import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("observations", "0005_dhis2_codes"),
        ("places", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="dhis2orgunit",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="places.adminunit",
            ),
        ),
    ]
