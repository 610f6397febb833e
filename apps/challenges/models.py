"""Challenges (企业出题): a partner's technology request published, with the partner's consent,
as an anonymised problem; the departments' one-page proposals answering it; and the e-mails
telling the partner of each stage."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.achievements.models import TRL_MAX, TRL_MIN, Readiness
from apps.challenges.choices import STAGE_ORDER, ConsentMethod, Stage
from apps.challenges.querysets import ChallengeQuerySet, ProposalQuerySet
from apps.core.models import RecordModel, TimeStampedModel, pick_language
from apps.requests.choices import BudgetRange, Industry


def check_stage_change(*, from_stage, to_stage):
    """A challenge moves forward through the stages, or closes; it never goes back."""
    if to_stage == Stage.CLOSED or from_stage == to_stage:
        return
    if from_stage in (Stage.SIGNED, Stage.CLOSED) or (
        STAGE_ORDER.index(to_stage) < STAGE_ORDER.index(from_stage)
    ):
        raise ValidationError(
            {
                "stage": _("A challenge cannot go back from “%(from)s” to “%(to)s”.")
                % {"from": Stage(from_stage).label, "to": Stage(to_stage).label}
            },
            code="stage_backwards",
        )


# Addresses under /challenges/ that are pages of their own, not a challenge's (apps.challenges.urls).
RESERVED_CODES = frozenset({"funnel"})


class Challenge(RecordModel):
    """A technology request published as an anonymised problem, open for proposals."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    request = models.ForeignKey(
        "requests.TechRequest",
        verbose_name=_("technology request"),
        related_name="challenges",
        on_delete=models.PROTECT,
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    problem_zh = models.TextField(
        _("anonymised problem (Chinese)"),
        help_text=_(
            "Shown publicly. Edited by staff from the request: never the partner's name, "
            "contact or anything that identifies it."
        ),
    )
    problem_en = models.TextField(_("anonymised problem (English)"), blank=True)
    industry = models.CharField(_("industry"), max_length=20, choices=Industry.choices)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="challenges",
        on_delete=models.PROTECT,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="challenges",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_("Leave empty where the city would identify the partner."),
    )
    budget_range = models.CharField(_("budget range"), max_length=20, choices=BudgetRange.choices)
    deadline = models.DateField(_("deadline for proposals"))
    published_on = models.DateField(_("published on"))
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.RECEIVED
    )
    stage_changed_at = models.DateTimeField(_("stage changed at"), default=timezone.now)
    consent_on = models.DateField(
        _("partner's consent given on"),
        help_text=_("The date the partner agreed to the publication of this challenge."),
    )
    consent_method = models.CharField(
        _("how the consent was obtained"), max_length=20, choices=ConsentMethod.choices
    )
    consent_note = models.CharField(
        _("consent record"),
        max_length=300,
        blank=True,
        help_text=_("Where the consent is kept: a file number, the e-mail's date and sender …"),
    )
    office = models.ForeignKey(
        "offices.CooperationOffice",
        verbose_name=_("following office"),
        related_name="challenges",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    contract = models.ForeignKey(
        "agreements.Contract",
        verbose_name=_("resulting contract"),
        related_name="challenges",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    objects = ChallengeQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "code"]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")
        indexes = [
            models.Index(fields=["-published_on", "code"], name="challenges_published"),
            models.Index(fields=["province", "city"], name="challenges_region"),
            models.Index(fields=["stage", "published_on"], name="challenges_stage"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage__in=Stage.values), name="challenges_challenge_stage_allowed"
            ),
            models.CheckConstraint(
                condition=Q(consent_on__lte=F("published_on")),
                name="challenges_challenge_consent_before_publication",
                violation_error_message=_(
                    "The partner's consent must be given before the challenge is published."
                ),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("published_on")),
                name="challenges_challenge_deadline_after_publication",
                violation_error_message=_("The deadline cannot be before the publication."),
            ),
            models.CheckConstraint(
                condition=~Q(stage=Stage.SIGNED) | Q(contract__isnull=False),
                name="challenges_challenge_signed_has_contract",
                violation_error_message=_(
                    "Link the signed contract before moving the challenge to “signed”."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def name(self):
        return self.title

    @property
    def title(self):
        return pick_language(self.title_zh, self.title_en)

    @property
    def problem(self):
        return pick_language(self.problem_zh, self.problem_en)

    @property
    def matching_text(self):
        """What matching reads of a challenge (as of a request): the public title and problem in
        both languages; its industry and region are ``industry``, ``province`` and ``city``."""
        return "\n".join(
            text
            for text in (self.title_zh, self.title_en, self.problem_zh, self.problem_en)
            if text
        )

    @property
    def is_open(self):
        return self.stage not in (Stage.SIGNED, Stage.CLOSED)

    def partner_words(self):
        """What identifies the partner in its request: never in the public text."""
        tech_request = self.request
        words = [
            tech_request.organization_name,
            tech_request.contact_name,
            tech_request.email,
            tech_request.phone,
        ]
        return [word.strip() for word in words if word and len(word.strip()) >= 2]

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        # The write path leaves out the fields naming records the user may not see
        # (apps.core.services.record_save): clean() then reads nothing of them.
        self._unseen = set(exclude or ())
        try:
            super().full_clean(exclude, validate_unique, validate_constraints)
        finally:
            del self._unseen

    def clean(self):
        super().clean()
        errors = {}
        request_seen = self.request_id and "request" not in getattr(self, "_unseen", ())
        if self.code in RESERVED_CODES:
            errors["code"] = _("This code is reserved for a page of the site: choose another.")
        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            errors["city"] = _("The city is not in this province.")
        if request_seen and self.province_id and self.request.province_id != self.province_id:
            errors["province"] = _("A challenge lies in the province of its request.")
        if request_seen:
            public_text = " ".join(
                [self.title_zh, self.title_en, self.problem_zh, self.problem_en]
            ).casefold()
            for word in self.partner_words():
                if word.casefold() in public_text:
                    errors["problem_zh"] = _(
                        "The public text names the partner (“%(word)s”): remove it."
                    ) % {"word": word}
                    break
        if self.consent_on and self.published_on and self.consent_on > self.published_on:
            errors["consent_on"] = _(
                "The partner's consent must be given before the challenge is published."
            )
        if self.deadline and self.published_on and self.deadline < self.published_on:
            errors["deadline"] = _("The deadline cannot be before the publication.")
        if self.pk and self.stage in Stage.values:
            stored = Challenge.objects.filter(pk=self.pk).values_list("stage", flat=True).first()
            if stored is not None:
                try:
                    check_stage_change(from_stage=stored, to_stage=self.stage)
                except ValidationError as error:
                    errors.update(error.message_dict)
        if self.stage == Stage.SIGNED and not self.contract_id:
            errors["contract"] = _(
                "Link the signed contract before moving the challenge to “signed”."
            )
        if errors:
            raise ValidationError(errors)


class Proposal(TimeStampedModel):
    """A department's one-page answer to a challenge, passed on by staff."""

    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("challenge"),
        related_name="proposals",
        on_delete=models.CASCADE,
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("responding department"),
        related_name="challenge_proposals",
        on_delete=models.PROTECT,
    )
    received_on = models.DateField(_("received on"))
    approach = models.TextField(_("approach"), max_length=5000)
    readiness = models.PositiveSmallIntegerField(
        _("technology readiness level"),
        choices=Readiness.choices,
        validators=[MinValueValidator(TRL_MIN), MaxValueValidator(TRL_MAX)],
    )
    team = models.TextField(_("team"), max_length=2000)
    duration_months = models.PositiveSmallIntegerField(
        _("time needed (months)"), validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    cost_range = models.CharField(_("cost range"), max_length=20, choices=BudgetRange.choices)
    experts = models.CharField(
        _("experts"),
        max_length=300,
        blank=True,
        help_text=_("Optional: the experts' names, as text."),
    )
    note = models.TextField(_("internal note"), blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Demo data made up to illustrate the seed's figures, not a real record."),
    )

    objects = ProposalQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["challenge", "received_on", "id"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        indexes = [
            models.Index(
                fields=["challenge", "received_on", "id"], name="challenges_proposal_order"
            ),
            models.Index(fields=["department", "received_on"], name="challenges_proposal_dept"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(readiness__gte=TRL_MIN) & Q(readiness__lte=TRL_MAX),
                name="challenges_proposal_readiness_1_to_9",
            ),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1) & Q(duration_months__lte=120),
                name="challenges_proposal_duration_1_to_120",
            ),
        ]

    def __str__(self):
        return f"{self.challenge} · {self.department}"

    def clean(self):
        super().clean()
        if (
            self.challenge_id
            and self.received_on
            and self.received_on < self.challenge.published_on
        ):
            raise ValidationError(
                {"received_on": _("A proposal cannot come before the challenge is published.")}
            )


class StageNotification(models.Model):
    """The outbox of the stage e-mails: a row first, sent by a task once the stage change
    commits, or by the sweep if the broker was away. Rendered when sent, in ``language``."""

    challenge = models.ForeignKey(
        Challenge,
        verbose_name=_("challenge"),
        related_name="notifications",
        on_delete=models.CASCADE,
    )
    from_stage = models.CharField(_("from stage"), max_length=20, choices=Stage.choices)
    to_stage = models.CharField(_("to stage"), max_length=20, choices=Stage.choices)
    recipients = ArrayField(models.EmailField(), verbose_name=_("recipients"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("stage e-mail")
        verbose_name_plural = _("stage e-mails")
        indexes = [
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(sent_at__isnull=True),
                name="challenges_notification_due",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(recipients=[]), name="challenges_notification_has_recipients"
            ),
        ]

    def __str__(self):
        return f"{self.challenge} → {self.get_to_stage_display()}"
