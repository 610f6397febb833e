from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("agreements", "0006_agreement_status_to_dates")]

    operations = [
        migrations.RemoveField(
            model_name="cooperationagreement",
            name="status",
        ),
        migrations.RemoveField(
            model_name="historicalcooperationagreement",
            name="status",
        ),
        migrations.AddConstraint(
            model_name="cooperationagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("end_on__isnull", False), ("open_term", False)),
                    models.Q(
                        ("end_on__isnull", True), ("open_term", True), ("review_on__isnull", False)
                    ),
                    _connector="OR",
                ),
                name="agreements_agreement_has_term",
            ),
        ),
        migrations.AddConstraint(
            model_name="cooperationagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("terminated_on__isnull", True),
                    models.Q(
                        ("terminated_on__gte", models.F("signed_on")),
                        models.Q(("termination_reason", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="agreements_agreement_termination_dated_and_reasoned",
            ),
        ),
        migrations.AddConstraint(
            model_name="cooperationagreement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("renews__isnull", True),
                    models.Q(("renews", models.F("pk")), _negated=True),
                    _connector="OR",
                ),
                name="agreements_agreement_renews_another",
            ),
        ),
    ]
