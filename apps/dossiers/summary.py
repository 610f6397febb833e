"""The dossier's one-paragraph summary, written from its own figures.

Every number in it is a number the dossier's tables show, read from the same data
(``dossier_data``: the region page's overview and the record types' sections), so the text can
never say something the tables do not. Sentences are templates in both languages; a sentence
whose figure is missing is left out rather than written with a zero.
"""

from django.utils.translation import get_language, npgettext, pgettext

from apps.core.money import money_with_unit


def _last_full_year(years):
    """The latest complete year of the overview's year rows and the one before it."""
    full = [row for row in years if not row.get("partial")]
    if len(full) < 2:
        return None, None
    return full[-1], full[-2]


def summary_sentences(data):
    """The summary's sentences (plain text, in the active language)."""
    figures = data["overview"]["figures"]
    name = data["region"]["name"]
    sentences = []
    agreements = data.get("agreements") or []
    in_force = sum(1 for a in agreements if a.get("in_force"))
    if figures.get("agreements"):
        sentences.append(
            npgettext(
                "dossier summary",
                "%(name)s has %(n)s framework agreement with the university, %(in_force)s of "
                "them in force.",
                "%(name)s has %(n)s framework agreements with the university, %(in_force)s of "
                "them in force.",
                figures["agreements"],
            )
            % {"name": name, "n": f"{figures['agreements']:,}", "in_force": in_force}
        )
    contracts = figures.get("contracts") or 0
    if contracts:
        if figures.get("contracts_value") is None:
            sentences.append(
                npgettext(
                    "dossier summary",
                    "%(n)s technology contract has been signed here; its value is not published.",
                    "%(n)s technology contracts have been signed here; their total value is "
                    "not published.",
                    contracts,
                )
                % {"n": f"{contracts:,}"}
            )
        else:
            sentences.append(
                npgettext(
                    "dossier summary",
                    "%(n)s technology contract has been signed here, worth %(value)s.",
                    "%(n)s technology contracts have been signed here, worth %(value)s in total.",
                    contracts,
                )
                % {"n": f"{contracts:,}", "value": money_with_unit(figures["contracts_value"])}
            )
    last, before = _last_full_year(data["overview"].get("years") or [])
    if last and before and (last["contracts"] or before["contracts"]):
        sentences.append(
            npgettext(
                "dossier summary",
                "In %(year)s, %(n)s contract was signed, against %(m)s in %(before)s.",
                "In %(year)s, %(n)s contracts were signed, against %(m)s in %(before)s.",
                last["contracts"],
            )
            % {
                "year": last["year"],
                "n": f"{last['contracts']:,}",
                "m": f"{before['contracts']:,}",
                "before": before["year"],
            }
        )
    event_years = data.get("event_years") or []
    events = sum(row["events"] for row in event_years)
    kinds = sorted(data.get("event_kinds") or [], key=lambda row: -row["total"])
    if events and kinds:
        sentences.append(
            npgettext(
                "dossier summary",
                "%(n)s exchange event was held here from %(first)s to %(last)s, most of them "
                "of the kind “%(kind)s” (%(k)s).",
                "%(n)s exchange events were held here from %(first)s to %(last)s, most of them "
                "of the kind “%(kind)s” (%(k)s).",
                events,
            )
            % {
                "n": f"{events:,}",
                "first": event_years[0]["year"],
                "last": event_years[-1]["year"],
                "kind": kinds[0]["label"],
                "k": f"{kinds[0]['total']:,}",
            }
        )
    if any(figures.get(key) for key in ("projects", "institutes", "funds", "offices")):
        sentences.append(
            pgettext(
                "dossier summary",
                "Projects applied here: %(projects)s; joint institutes: %(institutes)s; "
                "cooperation funds: %(funds)s; cooperation offices: %(offices)s.",
            )
            % {
                key: f"{figures.get(key) or 0:,}"
                for key in ("projects", "institutes", "funds", "offices")
            }
        )
    return sentences


def summary_text(data):
    """The sentences as one paragraph: a space between them in English, none in Chinese."""
    joiner = " " if (get_language() or "").startswith("en") else ""
    return joiner.join(summary_sentences(data))
