"""The agreements app's rules: where its records lie and which of them are published."""

from django.db import models
from django.db.models import Q

from apps.agreements.choices import ContractStatus
from apps.core.querysets import RecordQuerySet
from apps.core.registry import NEVER, RegionPath, registry


class ScopeAreaQuerySet(RecordQuerySet):
    pass


class AgreementQuerySet(RecordQuerySet):
    pass


# A contract counts in figures once it is signed: drafts never do, for staff or the public.
COUNTED = ~Q(status=ContractStatus.DRAFT)


class ContractQuerySet(RecordQuerySet):
    def counted(self):
        return self.filter(COUNTED)

    def with_received(self):
        payments = self.model._meta.get_field("payments").related_model
        return self.annotate(
            received_amount=models.functions.Coalesce(
                models.Subquery(
                    payments.objects.filter(
                        contract=models.OuterRef("pk"), received_on__isnull=False
                    )
                    .values("contract")
                    .annotate(total=models.Sum("amount"))
                    .values("total")
                ),
                models.Value(0, output_field=models.DecimalField(max_digits=14, decimal_places=2)),
            )
        )


class PaymentQuerySet(RecordQuerySet):
    pass


registry.register("agreements.ScopeArea")
registry.register(
    "agreements.CooperationAgreement",
    # An agreement with an enterprise alone lies where the enterprise does.
    regions=(
        RegionPath("province", "city"),
        RegionPath("organization__province", "organization__city"),
    ),
    published=Q(is_public=True),
    save="apps.agreements.services.agreement_save",
)
registry.register(
    "agreements.Contract",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True) & COUNTED,
    private_fields=("amount", "principal_investigator"),
    save="apps.agreements.services.contract_save",
)
registry.register(
    "agreements.Payment",
    regions=(RegionPath("contract__province", "contract__city"),),
    published=NEVER,
    private_fields=("amount", "due_on", "received_on", "note", "instalment"),
    save="apps.agreements.services.payment_save",
)
registry.hook("agreements.CooperationAgreement", stats="apps.agreements.stats.agreement_stats")
registry.hook("agreements.Contract", stats="apps.agreements.stats.contract_stats")
