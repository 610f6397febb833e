"""统计口径: what every published figure counts, for which period, from which records.

The definitions page lists them; each figure and table links to its entry by anchor, and every
downloaded table carries the text of the entries it uses.
"""

import functools

from django.conf import settings
from django.utils.translation import pgettext_lazy

from apps.core.pages import Definition
from apps.figures.confidentiality import MIN_CONTRACTS
from apps.public.pages import public_pages

_BEFORE = [
    Definition(
        "updated",
        pgettext_lazy("definitions", "Data updated"),
        pgettext_lazy(
            "definitions",
            "The time (Beijing time) of the last change to any record the figures count, as the "
            "database itself records it: an entry, an edit, a deletion or an import, however it "
            "was made. Every page, download and dossier made from the same figures states the "
            "same time. It is not the time the page was displayed.",
        ),
    ),
    Definition(
        "public-records",
        pgettext_lazy("definitions", "Public records"),
        pgettext_lazy(
            "definitions",
            "Every figure counts only the records the department has marked public. Records kept "
            "internal (for example at a partner's request) are left out, so the staff's own "
            "totals can be larger than the published ones.",
        ),
    ),
    Definition(
        "provinces",
        pgettext_lazy("definitions", "Provincial-level units cooperating"),
        pgettext_lazy(
            "definitions",
            "Provinces, autonomous regions, municipalities and special administrative regions (34 "
            "in all) with at least one public framework agreement, technology contract, project "
            "site, joint institute, cooperation fund, cooperation office or exchange event, at "
            "any time.",
        ),
    ),
    Definition(
        "cities",
        pgettext_lazy("definitions", "Prefecture-level cities cooperating"),
        pgettext_lazy(
            "definitions",
            "Prefecture-level cities with at least one such public record, in the city itself or "
            "in one of its districts or counties. The districts of the four municipalities "
            "(Beijing, Tianjin, Shanghai, Chongqing) are not cities: their records count for the "
            "municipality, a provincial-level unit.",
        ),
    ),
    Definition(
        "contracts",
        pgettext_lazy("definitions", "Technology contracts"),
        pgettext_lazy(
            "definitions",
            "Technology development, transfer, service and consulting contracts administered by "
            "the department, counted by the region of the partner named in the contract. Drafts "
            "are not counted; signed, ongoing, completed and terminated contracts are. By year "
            "means by the year of signing.",
        ),
    ),
    Definition(
        "contracts-value",
        pgettext_lazy("definitions", "Contract value"),
        pgettext_lazy(
            "definitions",
            "The sum of the amounts agreed in those contracts (not the payments received), in "
            "yuan, written in ten thousand yuan (万元) on Chinese pages and in millions of yuan "
            "on English pages, rounded half up to two decimal places. No single contract's "
            "amount is ever published.",
        ),
    ),
    Definition(
        "money-received",
        pgettext_lazy("definitions", "Money received"),
        pgettext_lazy(
            "definitions",
            "The payments received (到账) for those contracts, by the year the money arrived, "
            "in the same units as the contract value. Released on the same calendar and under "
            "the same rules as contract values: a year's sum for a region is shown only where "
            "it rests on at least %(min)s contracts and no single contract's payments can be "
            "worked out from it, from the other published sums, or from the change since an "
            "earlier release.",
        ),
        (("min", lambda: MIN_CONTRACTS),),
    ),
    Definition(
        "releases",
        pgettext_lazy("definitions", "Releases of contract values"),
        pgettext_lazy(
            "definitions",
            "Counts follow every change. Contract values change only at a release, on the "
            "release calendar (day %(day)s of the month, every %(months)s month(s)) or when the "
            "department releases the figures. "
            "A value changes at a release only where enough contracts changed since its last "
            "release, none of them dominant, that no single contract's amount can be read from "
            "the difference; otherwise it keeps the value last released, and says when that "
            "was. Counts of contracts not published one by one are never amounts: they are "
            "left out of every public count.",
        ),
        (
            ("day", lambda: settings.FIGURES_RELEASE_CALENDAR.get("day", 1)),
            ("months", lambda: settings.FIGURES_RELEASE_CALENDAR.get("months", 1)),
        ),
    ),
    Definition(
        "withheld",
        pgettext_lazy("definitions", "Withheld values"),
        pgettext_lazy(
            "definitions",
            "A contract value is withheld when it rests on fewer than %(min)s contracts, or when, "
            "together with the other published values, it would let a single contract's amount "
            "be worked out by subtraction. The number of contracts is still shown. A dash (—) "
            "means there is no record at all, which is not the same as a withheld value.",
        ),
        (("min", MIN_CONTRACTS),),
    ),
]

_AFTER = [
    Definition(
        "agreements",
        pgettext_lazy("definitions", "Framework agreements"),
        pgettext_lazy(
            "definitions",
            "Comprehensive and specific cooperation agreements signed with a province, a city or "
            "an enterprise, whatever their status today.",
        ),
    ),
    Definition(
        "comparison",
        pgettext_lazy("definitions", "Compared with last year and with peers"),
        pgettext_lazy(
            "definitions",
            "A region's technology contracts signed in the last full calendar year against the "
            "year before, as a difference and in per cent of the year before. A province's "
            "place among the provinces of its macro-region (North, Northeast, East, Central, "
            "South, Southwest and Northwest China), a city's among the cities of its province "
            "(a municipality's districts), by contracts signed in all years, those with as many "
            "sharing a place and those with none counted as none; a district is not ranked. "
            "Two regions side by side give each figure of their pages with what the last full "
            "year added against the year before: records dated in that year (contracts and "
            "agreements signed, projects started, institutes founded, funds set up, offices "
            "opened, events held), money received as released, and the verified impact "
            "records' counts (jobs, enterprises, people trained, patents, platforms) by the "
            "year they report on. Counts of public records only, never amounts, except sums "
            "released under the disclosure rules.",
        ),
    ),
    Definition(
        "years",
        pgettext_lazy("definitions", "Years in tables and charts"),
        pgettext_lazy(
            "definitions",
            "Calendar years. A year with no record at all is shown with a dash and left as a gap "
            "in charts, not drawn as zero.",
        ),
    ),
    Definition(
        "results-chain",
        pgettext_lazy("definitions", "The results chain of an agreement"),
        pgettext_lazy(
            "definitions",
            "An agreement's page and a region's dossier follow the agreement from what was "
            "signed to what was delivered: the technology contracts signed through it, the money "
            "received for them (到账), the projects applied and the fund grants awarded, then "
            "the results in the region. As in the EU's monitoring of smart-specialisation "
            "strategies (RIS3), the first four are output indicators: what the cooperation "
            "itself produced. The results (output value, tax, jobs, enterprises served and "
            "incubated, people trained, patents transferred, platforms built) are result "
            "indicators: the change in the region the outputs are meant to bring, counted from "
            "verified reports only. Each figure counts the records linked to the agreement since "
            "it was signed; beside it stand the agreement's target for the period running (else "
            "the last one) and the baseline that target starts from, with the progress made "
            "within the period. The public sees published records only, and no sum of money "
            "linked to one agreement (contract value, money received, grants): such a sum would "
            "come close to a single contract's amount, so the number of records is shown instead.",
        ),
    ),
    Definition(
        "illustrative",
        pgettext_lazy("definitions", "Illustrative data"),
        pgettext_lazy(
            "definitions",
            "While the portal is being demonstrated it holds illustrative records made up to "
            "reproduce the figures the department publishes; every page then says so. They are "
            "marked as such in the database and removed before real records are entered.",
        ),
    ),
]


@functools.cache
def all_definitions():
    """Every definition in the page's order: the site's own, each record type's (declared by its
    app, apps.core.pages) after the contracts', before the agreements'."""
    declared = [pages.definition for pages in public_pages() if pages.definition]
    return [*_BEFORE, *declared, *_AFTER]


def definitions_for(anchors):
    by_anchor = {definition.anchor: definition for definition in all_definitions()}
    return [by_anchor[anchor] for anchor in anchors if anchor in by_anchor]
