from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_profile_demo"),
        ("programmes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="profile",
            name="capture_programmes",
            field=models.ManyToManyField(
                blank=True, related_name="capture_profiles", to="programmes.programme"
            ),
        ),
        migrations.AddField(
            model_name="profile",
            name="view_programmes",
            field=models.ManyToManyField(blank=True, related_name="view_profiles", to="programmes.programme"),
        ),
    ]
