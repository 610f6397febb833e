"""The experts directory (专家): the university's researchers partners may contact, shown only
with their recorded consent, and the messages partners send them through the portal."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import RecordModel, TimeStampedModel, pick_language
from apps.experts.choices import LANGUAGE_FIELDS, Language, Title
from apps.experts.orcid import normalize_orcid, validate_orcid
from apps.experts.querysets import ExpertQuerySet
from apps.requests.choices import Industry

# The longest message the relay form accepts (the form and the model say the same).
MESSAGE_MAX_LENGTH = 5000


class Expert(RecordModel):
    """A researcher's public profile, published only with the expert's recorded consent."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        related_name="experts",
        on_delete=models.PROTECT,
    )
    title = models.CharField(_("professional title"), max_length=30, choices=Title.choices)
    fields_zh = models.CharField(_("research fields (Chinese)"), max_length=300)
    fields_en = models.CharField(_("research fields (English)"), max_length=400, blank=True)
    industry = models.CharField(_("industry served"), max_length=20, choices=Industry.choices)
    profile_zh = models.TextField(_("profile (Chinese)"), blank=True)
    profile_en = models.TextField(_("profile (English)"), blank=True)
    speaks_zh = models.BooleanField(_("works in Chinese"), default=True)
    speaks_en = models.BooleanField(_("works in English"), default=False)
    speaks_ja = models.BooleanField(_("works in Japanese"), default=False)
    speaks_de = models.BooleanField(_("works in German"), default=False)
    speaks_fr = models.BooleanField(_("works in French"), default=False)
    speaks_ru = models.BooleanField(_("works in Russian"), default=False)
    orcid = models.CharField(
        _("ORCID iD"),
        # Room for the iD typed as its URL; it is kept in its 19-character form.
        max_length=40,
        blank=True,
        help_text=_("Optional, e.g. 0000-0002-1825-0097; the check character is verified."),
    )
    email = models.EmailField(
        _("e-mail"),
        help_text=_(
            "Partners' messages are relayed here. Never shown on a public page, the API, "
            "search or any download."
        ),
    )
    achievements = models.ManyToManyField(
        "achievements.Achievement",
        verbose_name=_("achievements"),
        related_name="expert_profiles",
        blank=True,
    )
    projects = models.ManyToManyField(
        "projects.CooperationProject",
        verbose_name=_("projects"),
        related_name="expert_profiles",
        blank=True,
    )
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province where based"),
        related_name="experts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text=_(
            "For an expert working at a regional institute or office; blank for the campus "
            "in Beijing (headquarters keep the profile)."
        ),
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city where based"),
        related_name="experts",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )
    consent_given = models.BooleanField(
        _("consent to publication recorded"),
        default=False,
        help_text=_(
            "Tick only once the expert has agreed to a public profile; without it the expert "
            "appears on no public page, API answer, search result or download."
        ),
    )
    consent_on = models.DateField(_("consent recorded on"), null=True, blank=True)

    objects = ExpertQuerySet.as_manager()

    history = HistoricalRecords()

    class Meta:
        ordering = ["name_zh", "code"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        indexes = [
            models.Index(fields=["name_zh", "code"], name="experts_expert_name"),
            models.Index(fields=["department", "industry"], name="experts_expert_dept_industry"),
            models.Index(fields=["province", "city"], name="experts_expert_region"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_given=False) | Q(consent_on__isnull=False),
                name="experts_expert_consent_has_date",
            ),
            models.CheckConstraint(
                condition=Q(title__in=Title.values), name="experts_expert_title_allowed"
            ),
            models.CheckConstraint(
                condition=Q(industry__in=Industry.values),
                name="experts_expert_industry_allowed",
            ),
            models.CheckConstraint(
                condition=Q(speaks_zh=True)
                | Q(speaks_en=True)
                | Q(speaks_ja=True)
                | Q(speaks_de=True)
                | Q(speaks_fr=True)
                | Q(speaks_ru=True),
                name="experts_expert_speaks_a_language",
            ),
            # Over the iD in capitals: "…-233x" is the same iD as "…-233X".
            models.UniqueConstraint(
                Upper("orcid"),
                condition=~Q(orcid=""),
                name="experts_expert_unique_orcid",
                violation_error_message=_("This ORCID iD is already in use: check it."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return pick_language(self.name_zh, self.name_en)

    @property
    def research_fields(self):
        return pick_language(self.fields_zh, self.fields_en)

    @property
    def profile(self):
        return pick_language(self.profile_zh, self.profile_en)

    @property
    def languages(self):
        """The languages the expert works in, as values of ``Language``."""
        return [code for code, field in LANGUAGE_FIELDS.items() if getattr(self, field)]

    def get_languages_display(self):
        labels = dict(Language.choices)
        return [labels[code] for code in self.languages]

    def clean(self):
        super().clean()
        errors = {}
        self.orcid = normalize_orcid(self.orcid)
        if self.orcid:
            try:
                validate_orcid(self.orcid)
            except ValidationError as error:
                errors["orcid"] = error.messages
        if not self.languages:
            errors["speaks_zh"] = _("Tick at least one language the expert works in.")
        if self.city_id and not self.province_id:
            errors["province"] = _("A city needs its province.")
        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            errors["city"] = _("The city is not in this province.")
        if self.consent_given and not self.consent_on:
            errors["consent_on"] = _("Give the date the expert's consent was recorded.")
        if errors:
            raise ValidationError(errors)


class ExpertMessage(TimeStampedModel):
    """A partner's message to an expert, saved before it is relayed by e-mail: the sender
    never learns the expert's address, and staff keep what was sent."""

    # Never shown to the public: a message moves no page's data and queues no figures rebuild.
    feeds_public_pages = False

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), related_name="messages", on_delete=models.CASCADE
    )
    sender_name = models.CharField(_("name"), max_length=100)
    organization = models.CharField(_("organisation"), max_length=200)
    email = models.EmailField(_("e-mail"))
    body = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    submitted_from = models.GenericIPAddressField(_("submitted from"), null=True, blank=True)
    relayed_at = models.DateTimeField(_("relayed at"), null=True, blank=True)
    relay_attempts = models.PositiveSmallIntegerField(_("relay attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("message to an expert")
        verbose_name_plural = _("messages to experts")
        indexes = [
            models.Index(fields=["-created_at", "-id"], name="experts_message_created"),
            models.Index(
                fields=["created_at"],
                condition=Q(relayed_at__isnull=True),
                name="experts_message_pending",
            ),
        ]

    def __str__(self):
        return f"{self.sender_name} ({self.organization}) → {self.expert}"
