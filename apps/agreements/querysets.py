"""The agreements app's rules: where its records lie and which of them are published."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import pgettext_lazy

from apps.agreements.choices import AgreementStatus, ContractStatus
from apps.agreements.lifecycle import status_expression
from apps.core.querysets import RecordQuerySet
from apps.core.registry import NEVER, RegionPath, registry
from apps.core.substring import contains_any, paired_word, uses_trigrams


class ScopeAreaQuerySet(RecordQuerySet):
    pass


class AgreementQuerySet(RecordQuerySet):
    def with_status(self, on=None):
        """Annotate ``status`` as of ``on`` (today in Asia/Shanghai by default), by the one
        rule of ``apps.agreements.lifecycle``. The manager does it for today on every read."""
        return self.annotate(status=status_expression(on or timezone.localdate(), self.model))

    def in_force_on(self, on):
        """The agreements in force on ``on`` (what a record of that date may serve)."""
        return self.alias(status_on_date=status_expression(on, self.model)).filter(
            status_on_date=AgreementStatus.ACTIVE
        )


class AgreementManager(models.Manager.from_queryset(AgreementQuerySet)):
    def get_queryset(self):
        # Every channel (pages, API, admin, exports, dossiers, stats) reads the status from
        # the dates, as of the moment it asks.
        return super().get_queryset().with_status()


# A contract counts in figures once it is signed: drafts never do, for staff or the public.
COUNTED = ~Q(status=ContractStatus.DRAFT)


class ContractQuerySet(RecordQuerySet):
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

    def search(self, words, *, confidential):
        """Contracts with every word in their number, titles, partner's name or (for those who
        see confidential fields) principal investigator, as ``icontains`` finds them, from
        indexes (``apps.core.substring``): words of three characters or more on the trigram
        indexes, shorter ones on the pairs index (``search_document``; a contract number is not
        searched by one or two characters), partners' names looked up first in the small
        partners table. The conditions stay on the contracts table's own indexes, so
        PostgreSQL combines them (BitmapOr) instead of joining and scanning every contract."""
        organizations = self.model._meta.get_field("organization").related_model.objects
        fields = ["title_zh", "title_en"]
        if confidential:
            fields.append("principal_investigator")
        queryset = self
        # A word without a letter or digit ('-', '·') narrows nothing.
        for word in (w for w in words if any(character.isalnum() for character in w)):
            partners = list(
                organizations.filter(Q(name_zh__icontains=word) | Q(name_en__icontains=word))
                .order_by()
                .values_list("pk", flat=True)
            )
            if uses_trigrams(word):
                own = Q(number__icontains=word) | contains_any(word, fields)
            else:
                own = paired_word(word, document="search_document", fields=fields)
            queryset = queryset.filter(own | Q(organization__in=partners))
        return queryset


class ContractManager(models.Manager.from_queryset(ContractQuerySet)):
    def get_queryset(self):
        # The search vector serves the search's WHERE clause; no page or export reads it.
        return super().get_queryset().defer("search_document")


class PaymentQuerySet(RecordQuerySet):
    pass


registry.register(
    "agreements.ScopeArea",
    demo="apps.agreements.demo.SCOPE",
)
registry.register(
    "agreements.CooperationAgreement",
    # An agreement with an enterprise alone lies where the enterprise does.
    regions=(
        RegionPath("province", "city"),
        RegionPath("organization__province", "organization__city"),
    ),
    published=Q(is_public=True),
    demo="apps.agreements.demo.AGREEMENTS",
    synthetic="apps.agreements.synthetic.AGREEMENTS",
    export="apps.agreements.api.exports.AGREEMENTS",
    import_keys=("number", "title_zh", "title_en"),
    api=("agreements", "apps.agreements.api.views.AgreementViewSet", "agreement"),
    figures=dict(name="agreements", order=20, date_field="signed_on", kind_field="kind"),
    open_data=dict(
        key="agreements",
        order=10,
        title=pgettext_lazy("open data", "Framework agreements"),
        description=pgettext_lazy(
            "open data",
            "Comprehensive and specific cooperation agreements with provinces, cities and "
            "enterprises: parties, dates, status and summary.",
        ),
    ),
    open_data_figure=dict(
        column="agreements_signed",
        order=10,
        date_field="signed_on",
        title=pgettext_lazy("open data", "Framework agreements signed"),
    ),
    report="apps.agreements.report.AGREEMENTS",
    dossier="apps.agreements.dossier.AGREEMENTS",
)
registry.register(
    "agreements.Contract",
    regions=(RegionPath("province", "city"),),
    published=Q(is_public=True) & COUNTED,
    private_fields=("amount", "principal_investigator", "equity_shares", "equity_percent"),
    outcomes="apps.agreements.outcomes.CONTRACTS",
    results="apps.agreements.results.CONTRACTS",
    demo="apps.agreements.demo.CONTRACTS",
    synthetic="apps.agreements.synthetic.CONTRACTS",
    export="apps.agreements.api.exports.CONTRACTS",
    import_resource="apps.agreements.resources.ContractResource",
    api=("contracts", "apps.agreements.api.views.ContractViewSet", "contract"),
    figures=dict(
        name="contracts",
        order=10,
        date_field="signed_on",
        kind_field="kind",
        amount_field="amount",
        # Money received (到账): the payments' amounts by the year they arrived, released
        # under the same rules as the signed sums.
        received=("payments", "received_on", "amount"),
    ),
    open_data_figure=dict(
        column="contracts_signed",
        order=20,
        date_field="signed_on",
        title=pgettext_lazy("open data", "Technology contracts signed (drafts excluded)"),
    ),
    report="apps.agreements.report.CONTRACTS",
    dossier="apps.agreements.dossier.CONFIDENTIAL",
    # A contract counts once signed (a draft never does).
    counted=COUNTED,
)
registry.register(
    "agreements.Payment",
    regions=(RegionPath("contract__province", "contract__city"),),
    published=NEVER,
    private_fields=("amount", "due_on", "received_on", "note", "instalment"),
    export="apps.agreements.api.exports.PAYMENTS",
    import_resource="apps.agreements.resources.PaymentResource",
    api=("payments", "apps.agreements.api.views.PaymentViewSet", "payment"),
    results="apps.agreements.results.PAYMENTS",
)
registry.hook("agreements.CooperationAgreement", stats="apps.agreements.stats.agreement_stats")
registry.hook("agreements.Contract", stats="apps.agreements.stats.contract_stats")
# What the organization that signed a contract sees of it on its own page.
registry.hook("agreements.Contract", partner="apps.agreements.partner.CONTRACTS")
