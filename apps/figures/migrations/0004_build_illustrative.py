from django.db import migrations, models


def rebuild_next(apps, schema_editor):
    """The build made before this field cannot say: the next reader rebuilds the figures."""
    apps.get_model("figures", "PendingChange").objects.get_or_create(
        txid=0, defaults={"noted_at": models.functions.Now()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("figures", "0003_cell_indexes_by_level"),
    ]

    operations = [
        migrations.AddField(
            model_name="build",
            name="illustrative",
            field=models.BooleanField(default=False, verbose_name="illustrative records counted"),
        ),
        migrations.RunPython(rebuild_next, migrations.RunPython.noop),
    ]
