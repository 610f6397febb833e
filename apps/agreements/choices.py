from django.db import models
from django.utils.translation import gettext_lazy as _


class ContractKind(models.TextChoices):
    DEVELOPMENT = "development", _("Technology development")
    TRANSFER = "transfer", _("Technology transfer")
    SERVICE = "service", _("Technology service")
    CONSULTING = "consulting", _("Technology consulting")


class ContractStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    TERMINATED = "terminated", _("Terminated")


class TransferMode(models.TextChoices):
    """How a technology transfer contract transfers the result (促进科技成果转化法 第十六条)."""

    TRANSFER = "transfer", _("Transfer")
    LICENCE = "licence", _("Licence")
    EQUITY = "equity", _("Equity investment")


class AgreementStatus(models.TextChoices):
    """Computed from an agreement's dates (``apps.agreements.lifecycle``), never stored."""

    PENDING = "pending", _("Not yet in force")
    ACTIVE = "active", _("In force")
    EXPIRED = "expired", _("Expired")
    RENEWED = "renewed", _("Renewed")
    TERMINATED = "terminated", _("Terminated")
