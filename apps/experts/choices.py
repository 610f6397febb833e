"""Choices of an expert's profile."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Title(models.TextChoices):
    """Professional titles (职称) of the university's academic staff."""

    PROFESSOR = "professor", _("Professor")
    ASSOCIATE_PROFESSOR = "associate_professor", _("Associate professor")
    ASSISTANT_PROFESSOR = "assistant_professor", _("Assistant professor")
    RESEARCHER = "researcher", _("Research professor")
    ASSOCIATE_RESEARCHER = "associate_researcher", _("Associate research professor")
    SENIOR_ENGINEER = "senior_engineer", _("Senior engineer")
    ENGINEER = "engineer", _("Engineer")


class Language(models.TextChoices):
    """Languages an expert works in with partners."""

    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    JAPANESE = "ja", _("Japanese")
    GERMAN = "de", _("German")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")


# Each language is a column of its own (speaks_<code>): a plain true/false in every channel
# (API, downloads), filtered by ``language`` (apps.experts.filters), as achievements' modes are.
LANGUAGE_FIELDS = {language: f"speaks_{language}" for language in Language.values}
