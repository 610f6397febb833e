from django.db import migrations
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest, Least, TruncDate
from django.utils import timezone

# What a terminated agreement's reason says when it was only marked so before terminations
# were dated.
MIGRATED_TERMINATION = (
    "迁移前标记为“已终止”，未记录原因 (marked terminated before reasons were recorded)"
)
NEVER_SIGNED = "迁移前为“洽谈中”，未签署 (under negotiation, never signed)"


def status_to_dates(apps, schema_editor):
    """The stored status becomes dates, so the computed status reads as the stored one did.

    * in force: nothing changes; without an end date the agreement becomes open-term, to be
      reviewed now (so the review reminder asks staff for its term);
    * expired without an end date (or one still ahead): it ended when it was last saved;
    * terminated: terminated when it was last saved (or on its end date, if earlier), with
      a reason saying so;
    * under negotiation: never signed, so it is recorded as ended on its signature date,
      with that reason; staff re-enter it once it is signed.
    """
    agreements = apps.get_model("agreements", "CooperationAgreement")
    today = timezone.localdate()
    last_saved = TruncDate("updated_at")
    begins = Coalesce("start_on", "signed_on")
    agreements.objects.filter(status="expired").filter(
        Q(end_on__isnull=True) | Q(end_on__gte=today)
    ).update(end_on=Greatest(begins, Least(last_saved, today)))
    agreements.objects.filter(status="terminated").update(
        terminated_on=Greatest(F("signed_on"), Least(Coalesce("end_on", last_saved), last_saved)),
        termination_reason=MIGRATED_TERMINATION,
    )
    agreements.objects.filter(status="negotiating").update(
        terminated_on=F("signed_on"), termination_reason=NEVER_SIGNED
    )
    agreements.objects.filter(end_on__isnull=True).update(open_term=True, review_on=today)



class Migration(migrations.Migration):
    dependencies = [("agreements", "0005_agreement_lifecycle")]

    operations = [migrations.RunPython(status_to_dates, migrations.RunPython.noop)]
