"""The summary tables the public figures are read from, and the one publication of sums.

None of these rows is entered by anybody: ``apps.figures.summary.summary_rebuild`` derives
them all from the records, once per data version.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingChange(models.Model):
    """A committed (or in-flight) transaction that changed records the figures count.

    Rows are written by PostgreSQL statement triggers on the domain tables (see
    ``apps.figures.changes``), one per transaction whatever the number of statements, and
    removed by the rebuild that takes them into account.
    """

    txid = models.BigIntegerField(_("transaction id"), unique=True)
    noted_at = models.DateTimeField(_("noted at"))

    class Meta:
        ordering = ["txid"]
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")

    def __str__(self):
        return str(self.txid)


class Build(models.Model):
    """One rebuild of the summary tables: its number is the data version of every figure."""

    built_at = models.DateTimeField(_("built at"))
    seconds = models.FloatField(_("seconds taken"))
    cells = models.PositiveIntegerField(_("summary rows"))
    # Whether any record counted is illustrative (demonstration) data: every public page then
    # says so. Kept with the figures it describes, so no page asks the records.
    illustrative = models.BooleanField(_("illustrative records counted"), default=False)
    # The time of the newest change the build counts, from the database's own change log (the
    # statement triggers' ``PendingChange`` rows): SQL, COPY and imports move it as saves do.
    data_as_of = models.DateTimeField(_("data as of"), null=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("figures build")
        verbose_name_plural = _("figures builds")

    def __str__(self):
        return f"#{self.pk} {self.built_at:%Y-%m-%d %H:%M:%S}"


class Level(models.TextChoices):
    NATIONAL = "national", _("Whole country")
    PROVINCE = "province", _("Provincial-level unit")
    # A prefecture-level city with its districts (or a county-level city without a parent).
    PLACE = "place", _("City with its districts")


class Grain(models.TextChoices):
    TOTAL = "total", _("All years and kinds")
    YEAR = "year", _("By year")
    KIND = "kind", _("By kind")


class FigureCell(models.Model):
    """Records of one source counted in one region: in all, by year, or by kind.

    ``grain`` says which: a ``total`` row per region, ``year`` rows (``year=None``: records
    without a date) and ``kind`` rows. ``amount`` is the sum of the source's money field
    (contract amounts, funds' committed size), ``extra`` a second count (events'
    participants, offices still open).
    """

    source = models.CharField(_("source"), max_length=20)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
    )
    grain = models.CharField(_("grain"), max_length=5, choices=Grain.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True)
    kind = models.CharField(_("kind"), max_length=20, blank=True)
    count = models.PositiveIntegerField(_("records"))
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, default=0)
    extra = models.BigIntegerField(_("second count"), default=0)

    class Meta:
        ordering = ["source", "level", "province", "city", "grain", "year", "kind"]
        verbose_name = _("summary row")
        verbose_name_plural = _("summary rows")
        # Every read names the level: the whole country, a province's cells (any grain),
        # every region's totals at a level. A place's cells are found by its city.
        indexes = [
            models.Index(
                fields=["level", "grain", "province", "city"], name="figures_cell_level_grain"
            ),
            models.Index(fields=["level", "province"], name="figures_cell_province"),
        ]

    def __str__(self):
        return f"{self.source} {self.level} {self.grain} {self.year or ''}{self.kind}"


class PublishedSum(models.Model):
    """One cell of the publication of contract sums: the only contract sums anonymous users get.

    ``value`` is ``None`` where the sum is withheld (``withheld``); a region without contracts
    has ``contracts=0`` and ``value=0``, not withheld.
    """

    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    province = models.ForeignKey(
        "regions.Province",
        verbose_name=_("province"),
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
    )
    city = models.ForeignKey(
        "regions.City",
        verbose_name=_("city"),
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
    )
    contracts = models.PositiveIntegerField(_("contracts"))
    value = models.DecimalField(_("value (CNY)"), max_digits=18, decimal_places=2, null=True)
    withheld = models.BooleanField(_("withheld"))

    class Meta:
        ordering = ["level", "province", "city"]
        verbose_name = _("published contract sum")
        verbose_name_plural = _("published contract sums")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withheld=True, value__isnull=True)
                | models.Q(withheld=False, value__isnull=False),
                name="figures_publishedsum_withheld_has_no_value",
            )
        ]

    def __str__(self):
        return f"{self.level} {self.province_id or ''} {self.city_id or ''}"


class Release(models.Model):
    """One release of the contract sums: the only sums anonymous users get, until the next.

    Counts follow every change; a contract sum changes only at a release (the calendar in
    ``FIGURES_RELEASE_CALENDAR``, or ``manage.py release_figures``), and then only where the
    change since the cell's last release cannot single out a contract (``apps.figures.release``).
    """

    released_at = models.DateTimeField(_("released at"))
    # The time of the last change to the records the release counts (the database's own change
    # log, so SQL, COPY and imports move it too).
    data_as_of = models.DateTimeField(_("data as of"), null=True)
    reason = models.CharField(_("reason"), max_length=20)
    cells = models.PositiveIntegerField(_("cells"))
    updated = models.PositiveIntegerField(_("cells with a new sum"))

    class Meta:
        ordering = ["-id"]
        verbose_name = _("release of contract sums")
        verbose_name_plural = _("releases of contract sums")

    def __str__(self):
        return f"#{self.pk} {self.released_at:%Y-%m-%d}"


class ReleasedSum(models.Model):
    """One cell of a release. ``value_release`` is the release whose sum the cell shows: this
    one where the sum is new, an earlier one where it is carried (the change since could single
    out a contract); ``contracts`` is the number of contracts that sum adds up."""

    release = models.ForeignKey(
        Release, verbose_name=_("release"), related_name="sums", on_delete=models.CASCADE
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    province_id = models.BigIntegerField(_("province"), null=True)
    city_id = models.BigIntegerField(_("city"), null=True)
    # None: the signed amounts' sum; a year: the money received (到账) in that year.
    year = models.PositiveSmallIntegerField(_("year received"), null=True)
    contracts = models.PositiveIntegerField(_("contracts"))
    value = models.DecimalField(_("value (CNY)"), max_digits=18, decimal_places=2, null=True)
    withheld = models.BooleanField(_("withheld"))
    value_release = models.ForeignKey(
        Release,
        verbose_name=_("sum released in"),
        related_name="+",
        on_delete=models.PROTECT,
        null=True,
    )

    class Meta:
        ordering = ["release", "level", "province_id", "city_id"]
        verbose_name = _("released contract sum")
        verbose_name_plural = _("released contract sums")
        indexes = [
            models.Index(fields=["release", "level", "province_id", "city_id"], name="figures_rsum")
        ]

    def __str__(self):
        return f"{self.release_id} {self.level} {self.province_id or ''} {self.city_id or ''}"


class ReleasedContract(models.Model):
    """What a release counted of one contract, kept where it differs from the previous release:
    the history ``audit_disclosure`` proves every pair of releases against. ``amount`` None:
    the contract (or its money received in ``year``) left the publication."""

    release = models.ForeignKey(
        Release, verbose_name=_("release"), related_name="contracts", on_delete=models.CASCADE
    )
    contract_id = models.BigIntegerField(_("contract"))
    # None: the contract's signed amount; a year: the money received for it in that year.
    year = models.PositiveSmallIntegerField(_("year received"), null=True)
    number = models.CharField(_("contract number"), max_length=40)
    province_id = models.BigIntegerField(_("province"), null=True)
    place_id = models.BigIntegerField(_("city"), null=True)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, null=True)

    class Meta:
        ordering = ["release", "contract_id"]
        verbose_name = _("released contract")
        verbose_name_plural = _("released contracts")
        indexes = [models.Index(fields=["release", "contract_id"], name="figures_rcontract")]

    def __str__(self):
        return f"{self.release_id} {self.number}"


class FutureRecord(models.Model):
    """A published record the build found not counted yet, whose counting moves with the date
    alone (an event announced, counted once held): kept with the build, so that a page reading
    the build subtracts what that build held, never the records as they are now (one version
    per answer). ``values`` holds the record's own fields, for grouping by any of them."""

    source = models.CharField(_("source"), max_length=20)
    record_id = models.BigIntegerField(_("record"))
    date = models.DateField(_("date"))
    province_id = models.BigIntegerField(_("province"), null=True)
    city_id = models.BigIntegerField(_("city"), null=True)
    place_id = models.BigIntegerField(_("city with its districts"), null=True)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2, default=0)
    extra = models.BigIntegerField(_("second count"), default=0)
    values = models.JSONField(_("fields"), default=dict)

    class Meta:
        ordering = ["source", "date", "record_id"]
        verbose_name = _("record not counted yet")
        verbose_name_plural = _("records not counted yet")
        indexes = [models.Index(fields=["source", "date"], name="figures_future_source_date")]

    def __str__(self):
        return f"{self.source} {self.record_id} {self.date}"


class CubeCell(models.Model):
    """Published records of one statistics source counted by a combination of up to three of
    its dimensions (``apps.figures.cube``). ``grouping`` says which: PostgreSQL's GROUPING()
    of the source's columns in its declared order (a bit set for each column not grouped);
    ``values`` of the columns grouped are the group's, as text (NULL: records without one)."""

    source = models.CharField(_("source"), max_length=20)
    grouping = models.PositiveSmallIntegerField(_("grouping"))
    value0 = models.TextField(_("first value"), null=True)
    value1 = models.TextField(_("second value"), null=True)
    value2 = models.TextField(_("third value"), null=True)
    value3 = models.TextField(_("fourth value"), null=True)
    value4 = models.TextField(_("fifth value"), null=True)
    value5 = models.TextField(_("sixth value"), null=True)
    count = models.PositiveIntegerField(_("records"))

    class Meta:
        verbose_name = _("statistics cube cell")
        verbose_name_plural = _("statistics cube cells")
        indexes = [models.Index(fields=["source", "grouping"], name="figures_cube_grouping")]

    def __str__(self):
        return f"{self.source} {self.grouping}"
