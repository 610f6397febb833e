from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.agreements.choices import AgreementStatus, ContractKind, ContractStatus, TransferMode
from apps.agreements.lifecycle import agreement_term, status_on, validate_served_agreement
from apps.agreements.querysets import (
    AgreementManager,
    ContractManager,
    PaymentQuerySet,
    ScopeAreaQuerySet,
)
from apps.core.models import (
    BilingualNameMixin,
    RecordModel,
    TimeStampedModel,
    end_not_before_start,
    non_negative,
    pick_language,
)
from apps.core.substring import pairs_document


def trigram_index(field, name):
    return GinIndex(OpClass(Upper(field), name="gin_trgm_ops"), name=name)


class ScopeArea(BilingualNameMixin, TimeStampedModel):
    """One of the seed's six areas a framework agreement may cover."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = ScopeAreaQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("scope area")
        verbose_name_plural = _("scope areas")


class AgreementKind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive (all-dimensional)")
    SPECIFIC = "specific", _("Specific framework")


class CooperationAgreement(RecordModel):
    """A framework agreement with a province, a city or an enterprise."""

    number = models.CharField(_("agreement number"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementKind.choices)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="agreements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="agreements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("partner organization"),
        related_name="agreements",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    signed_on = models.DateField(_("signed on"))
    start_on = models.DateField(_("in force from"), null=True, blank=True)
    end_on = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("Leave empty only for an open-term agreement, which needs a review date."),
    )
    open_term = models.BooleanField(
        _("open term"),
        default=False,
        help_text=_("The agreement runs without an end date until it is reviewed or ended."),
    )
    review_on = models.DateField(
        _("review on"),
        null=True,
        blank=True,
        help_text=_("When the parties review the agreement; required for an open term."),
    )
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        related_name="renewals",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("The earlier agreement this one renews; that one then reads “renewed”."),
    )
    terminated_on = models.DateField(
        _("terminated on"),
        null=True,
        blank=True,
        help_text=_("Only when the parties ended the agreement before its term."),
    )
    termination_reason = models.CharField(_("reason for termination"), max_length=300, blank=True)
    scope_areas = models.ManyToManyField(
        ScopeArea, verbose_name=_("scope areas"), related_name="agreements", blank=True
    )
    summary_zh = models.TextField(_("summary (Chinese)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)

    objects = AgreementManager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("cooperation agreement")
        verbose_name_plural = _("cooperation agreements")
        indexes = [
            models.Index(fields=["-signed_on", "number"], name="agreements_agr_signed"),
            models.Index(fields=["province", "city"], name="agreements_agr_region"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=end_not_before_start(), name="agreements_agreement_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(province__isnull=False) | Q(organization__isnull=False),
                name="agreements_agreement_has_party",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AgreementKind.values), name="agreements_agreement_kind_allowed"
            ),
            # A term is either an end date or, explicitly, open with a date to review it.
            models.CheckConstraint(
                condition=Q(end_on__isnull=False, open_term=False)
                | Q(end_on__isnull=True, open_term=True, review_on__isnull=False),
                name="agreements_agreement_has_term",
            ),
            models.CheckConstraint(
                condition=Q(terminated_on__isnull=True)
                | (Q(terminated_on__gte=models.F("signed_on")) & ~Q(termination_reason="")),
                name="agreements_agreement_termination_dated_and_reasoned",
            ),
            models.CheckConstraint(
                condition=Q(renews__isnull=True) | ~Q(renews=models.F("pk")),
                name="agreements_agreement_renews_another",
            ),
        ]

    @property
    def title(self):
        return pick_language(self.title_zh, self.title_en)

    @property
    def begins_on(self):
        return self.start_on or self.signed_on

    # The status is never stored: the manager annotates it from the dates (``with_status``);
    # an instance read without the annotation computes it by the same rule.
    @property
    def status(self):
        annotated = self.__dict__.get("_status")
        if annotated is not None:
            return annotated
        return self.status_on(timezone.localdate())

    @status.setter
    def status(self, value):
        self.__dict__["_status"] = value

    def status_on(self, on):
        """The status on a date (``lifecycle.status_on``; one query for the renewals)."""
        renewals = (
            list(self.renewals.order_by().values_list("signed_on", "start_on")) if self.pk else []
        )
        return status_on(
            on,
            begins_on=self.begins_on,
            end_on=self.end_on,
            terminated_on=self.terminated_on,
            renewed=any(signed <= on for signed, _start in renewals),
            superseded=any((start or signed) <= on for signed, start in renewals),
        )

    def save(self, *args, **kwargs):
        # A status read before the dates changed no longer holds.
        self.__dict__.pop("_status", None)
        super().save(*args, **kwargs)

    def get_status_display(self):
        return AgreementStatus(self.status).label

    def is_in_force_on(self, on):
        return self.status_on(on) == AgreementStatus.ACTIVE

    @property
    def term(self):
        """The term in words: "2019-03-01 – 2024-02-29", or open with its review date."""
        return agreement_term(self)

    def clean(self):
        errors = {}
        if self.end_on is None and not self.open_term:
            errors["end_on"] = _(
                "Give the date the agreement ends, or mark it as open-term with a review date."
            )
        if self.open_term and self.end_on is not None:
            errors["open_term"] = _("An open-term agreement has no end date: clear one of them.")
        if self.open_term and self.review_on is None:
            errors["review_on"] = _("An open-term agreement needs the date it will be reviewed.")
        if self.terminated_on is not None:
            if self.signed_on and self.terminated_on < self.signed_on:
                errors["terminated_on"] = _("An agreement cannot end before it is signed.")
            if not self.termination_reason.strip():
                errors["termination_reason"] = _("Say why the agreement was terminated.")
        elif self.termination_reason.strip():
            errors["terminated_on"] = _("Give the date of the termination.")
        if self.renews_id is not None:
            if self.pk is not None and self.renews_id == self.pk:
                errors["renews"] = _("An agreement cannot renew itself.")
            elif self.signed_on and self.renews.signed_on >= self.signed_on:
                errors["renews"] = _(
                    "A renewal is signed after the agreement it renews (%(number)s, signed "
                    "%(date)s)."
                ) % {"number": self.renews.number, "date": self.renews.signed_on.isoformat()}
        if errors:
            raise ValidationError(errors)

    def __str__(self):
        return f"{self.number} {self.title}"


class Contract(RecordModel):
    """A technology contract the department administers. Its amount is confidential."""

    # The column PostgreSQL keeps with the contract's place (its city, or the city its
    # district belongs to), indexed with each ordering the API offers (migration 0009).
    PLACE_COLUMN = "place_id"

    number = models.CharField(_("contract number"), max_length=40, unique=True)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ContractKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.SIGNED
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        related_name="contracts",
        on_delete=models.PROTECT,
    )
    principal_investigator = models.CharField(_("principal investigator"), max_length=60)
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("partner"),
        related_name="contracts",
        on_delete=models.PROTECT,
    )
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="contracts",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="contracts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    agreement = models.ForeignKey(
        CooperationAgreement,
        verbose_name=_("framework agreement"),
        related_name="contracts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    office = models.ForeignKey(
        "offices.CooperationOffice",
        verbose_name=_("cooperation office"),
        related_name="contracts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    signed_on = models.DateField(_("signed on"))
    start_on = models.DateField(_("starts on"), null=True, blank=True)
    end_on = models.DateField(_("ends on"), null=True, blank=True)
    amount = models.DecimalField(_("amount (CNY)"), max_digits=14, decimal_places=2)
    # A transfer contract's mode; for an equity investment, the company and what is held.
    transfer_mode = models.CharField(
        _("transfer mode"),
        max_length=20,
        choices=TransferMode.choices,
        blank=True,
        help_text=_("Technology transfer contracts only."),
    )
    equity_company = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("company invested in"),
        related_name="equity_contracts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    equity_shares = models.PositiveBigIntegerField(_("shares received"), null=True, blank=True)
    equity_percent = models.DecimalField(
        _("share of the company (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    # The staff search's index for words the trigram indexes cannot serve (apps.core.substring):
    # PostgreSQL computes it on every write, whatever the path (services, import, COPY, update).
    search_document = models.GeneratedField(
        expression=pairs_document(
            paired=("title_zh", "principal_investigator"), words=("title_en",)
        ),
        output_field=SearchVectorField(),
        db_persist=True,
        verbose_name=_("search vector"),
    )

    objects = ContractManager()

    history = HistoricalRecords(excluded_fields=["search_document"])

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("technology contract")
        verbose_name_plural = _("technology contracts")
        indexes = [
            # With the id beside the ordering, a deep admin page (OFFSET 50,000) skips its rows
            # in the index alone (an index-only scan), without reading each row it skips.
            models.Index(
                fields=["-signed_on", "number"], include=["id"], name="agreements_con_signed"
            ),
            models.Index(fields=["province", "signed_on"], name="agreements_con_province"),
            models.Index(fields=["city", "signed_on"], name="agreements_con_city"),
            models.Index(fields=["kind", "status"], name="agreements_con_kind_status"),
            models.Index(fields=["end_on"], name="agreements_con_end"),
            models.Index(fields=["department", "signed_on"], name="agreements_con_department"),
            models.Index(fields=["amount"], name="agreements_con_amount"),
            # The admin's changelist search (icontains, i.e. UPPER(column) LIKE …) on trigram
            # indexes instead of full scans.
            trigram_index("number", "agreements_con_number_trgm"),
            trigram_index("title_zh", "agreements_con_title_zh_trgm"),
            trigram_index("title_en", "agreements_con_title_en_trgm"),
            trigram_index("principal_investigator", "agreements_con_pi_trgm"),
            GinIndex(fields=["search_document"], name="agreements_con_document"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=non_negative("amount"), name="agreements_contract_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=end_not_before_start(), name="agreements_contract_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ContractKind.values), name="agreements_contract_kind_allowed"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ContractStatus.values),
                name="agreements_contract_status_allowed",
            ),
            models.CheckConstraint(
                condition=Q(transfer_mode__in=["", *TransferMode.values]),
                name="agreements_contract_transfer_mode_allowed",
            ),
            models.CheckConstraint(
                condition=Q(transfer_mode="") | Q(kind=ContractKind.TRANSFER),
                name="agreements_contract_transfer_mode_only_for_transfers",
            ),
            models.CheckConstraint(
                condition=Q(transfer_mode=TransferMode.EQUITY)
                | Q(
                    equity_company__isnull=True,
                    equity_shares__isnull=True,
                    equity_percent__isnull=True,
                ),
                name="agreements_contract_equity_only_for_equity_mode",
            ),
            models.CheckConstraint(
                condition=Q(equity_percent__isnull=True)
                | (Q(equity_percent__gt=0) & Q(equity_percent__lte=100)),
                name="agreements_contract_equity_percent_range",
            ),
        ]

    @property
    def title(self):
        return pick_language(self.title_zh, self.title_en)

    def __str__(self):
        return f"{self.number} {self.title}"

    def clean(self):
        super().clean()
        errors = {}
        # A contract serves only an agreement in force on the day it is signed.
        try:
            validate_served_agreement(self, "signed_on")
        except ValidationError as refused:
            errors.update(refused.update_error_dict({}))
        if self.transfer_mode and self.kind != ContractKind.TRANSFER:
            errors["transfer_mode"] = _(
                "Only a technology transfer contract has a transfer mode: choose that kind or "
                "leave the mode empty."
            )
        equity_given = any(
            value is not None
            for value in (self.equity_company_id, self.equity_shares, self.equity_percent)
        )
        if self.transfer_mode == TransferMode.EQUITY and self.equity_company_id is None:
            errors["equity_company"] = _("Name the company the result is invested in.")
        elif equity_given and self.transfer_mode != TransferMode.EQUITY:
            errors["transfer_mode"] = _(
                "The company and shares belong to an equity investment: choose that mode or "
                "clear them."
            )
        if errors:
            raise ValidationError(errors)


class Payment(TimeStampedModel):
    """An instalment of a contract: planned with a due date, received once money arrives."""

    contract = models.ForeignKey(
        Contract, verbose_name=_("contract"), related_name="payments", on_delete=models.CASCADE
    )
    instalment = models.PositiveSmallIntegerField(_("instalment"))
    amount = models.DecimalField(_("amount (CNY)"), max_digits=14, decimal_places=2)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = PaymentQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["contract", "instalment"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        indexes = [
            models.Index(fields=["received_on"], name="agreements_payment_received"),
            models.Index(fields=["due_on"], name="agreements_payment_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "instalment"], name="agreements_payment_unique_instalment"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="agreements_payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=False) | Q(received_on__isnull=False),
                name="agreements_payment_has_date",
            ),
        ]

    @property
    def is_received(self):
        return self.received_on is not None

    def __str__(self):
        return f"{self.contract.number} #{self.instalment}"
