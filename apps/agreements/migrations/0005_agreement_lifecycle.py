# The new fields of an agreement's life; the stored status is turned into dates by 0006
# and dropped by 0007 (separate migrations: PostgreSQL alters no table with row triggers
# still pending from the data migration's updates in the same transaction).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0004_contract_search_document"),
        ("partners", "0002_historicalmembership_historicalorganization"),
        ("regions", "0002_historicalcity_historicalprovince_historicalzone"),
    ]

    operations = [
        migrations.AddField(
            model_name="cooperationagreement",
            name="open_term",
            field=models.BooleanField(
                default=False,
                help_text="The agreement runs without an end date until it is reviewed or ended.",
                verbose_name="open term",
            ),
        ),
        migrations.AddField(
            model_name="cooperationagreement",
            name="renews",
            field=models.ForeignKey(
                blank=True,
                help_text="The earlier agreement this one renews; that one then reads “renewed”.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="renewals",
                to="agreements.cooperationagreement",
                verbose_name="renews",
            ),
        ),
        migrations.AddField(
            model_name="cooperationagreement",
            name="review_on",
            field=models.DateField(
                blank=True,
                help_text="When the parties review the agreement; required for an open term.",
                null=True,
                verbose_name="review on",
            ),
        ),
        migrations.AddField(
            model_name="cooperationagreement",
            name="terminated_on",
            field=models.DateField(
                blank=True,
                help_text="Only when the parties ended the agreement before its term.",
                null=True,
                verbose_name="terminated on",
            ),
        ),
        migrations.AddField(
            model_name="cooperationagreement",
            name="termination_reason",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="reason for termination"
            ),
        ),
        migrations.AddField(
            model_name="historicalcooperationagreement",
            name="open_term",
            field=models.BooleanField(
                default=False,
                help_text="The agreement runs without an end date until it is reviewed or ended.",
                verbose_name="open term",
            ),
        ),
        migrations.AddField(
            model_name="historicalcooperationagreement",
            name="renews",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The earlier agreement this one renews; that one then reads “renewed”.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="agreements.cooperationagreement",
                verbose_name="renews",
            ),
        ),
        migrations.AddField(
            model_name="historicalcooperationagreement",
            name="review_on",
            field=models.DateField(
                blank=True,
                help_text="When the parties review the agreement; required for an open term.",
                null=True,
                verbose_name="review on",
            ),
        ),
        migrations.AddField(
            model_name="historicalcooperationagreement",
            name="terminated_on",
            field=models.DateField(
                blank=True,
                help_text="Only when the parties ended the agreement before its term.",
                null=True,
                verbose_name="terminated on",
            ),
        ),
        migrations.AddField(
            model_name="historicalcooperationagreement",
            name="termination_reason",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="reason for termination"
            ),
        ),
        migrations.AlterField(
            model_name="cooperationagreement",
            name="end_on",
            field=models.DateField(
                blank=True,
                help_text="Leave empty only for an open-term agreement, which needs a review date.",
                null=True,
                verbose_name="in force until",
            ),
        ),
        migrations.AlterField(
            model_name="historicalcooperationagreement",
            name="end_on",
            field=models.DateField(
                blank=True,
                help_text="Leave empty only for an open-term agreement, which needs a review date.",
                null=True,
                verbose_name="in force until",
            ),
        ),
    ]
