"""Reads about agreements that other apps build on."""

from apps.agreements.models import AgreementKind, AgreementStatus, CooperationAgreement
from apps.core.scope import city_contains


class AgreementChooser:
    """Picks the agreement a record of a place and date serves by default.

    The rule, stated once: among the agreements in force on the date (begun — from their start,
    else their signature — and not ended; none under negotiation) with the record's region, the
    nearest party wins: an agreement with the record's own city or district, then with the city
    its district belongs to, then a province-wide one; among equals a comprehensive agreement
    before a specific one, then the most recently signed. Agreements with an enterprise alone
    (no region) are never a default: staff link those by hand.

    The candidates of the provinces asked for are read once (a few per province), so linking
    many records costs one query.
    """

    def __init__(self, *, province_ids=None):
        agreements = CooperationAgreement.objects.exclude(
            status=AgreementStatus.NEGOTIATING
        ).filter(province__isnull=False)
        if province_ids is not None:
            agreements = agreements.filter(province_id__in=set(province_ids))
        self.by_province = {}
        for agreement in agreements.only(
            "pk", "kind", "province_id", "city_id", "signed_on", "start_on", "end_on"
        ).order_by("pk"):
            self.by_province.setdefault(agreement.province_id, []).append(agreement)

    def choose(self, *, province_id, city_id=None, city_parent_id=None, on):
        if province_id is None or on is None:
            return None
        # Nearest first: the record's own city or district, then the city above a district.
        cities = [pk for pk in (city_id, city_parent_id) if pk]
        ranked = []
        for agreement in self.by_province.get(province_id, ()):
            if agreement.city_id is not None and not city_contains(
                agreement.city_id, city_id, city_parent_id
            ):
                continue
            if (agreement.start_on or agreement.signed_on) > on:
                continue
            if agreement.end_on is not None and agreement.end_on < on:
                continue
            nearness = cities.index(agreement.city_id) if agreement.city_id else len(cities)
            ranked.append(
                (
                    nearness,
                    agreement.kind != AgreementKind.COMPREHENSIVE,
                    -agreement.signed_on.toordinal(),
                    agreement.pk,
                    agreement,
                )
            )
        return min(ranked, key=lambda row: row[:4])[-1] if ranked else None


def agreement_in_force_for(*, province_id, city_id=None, city_parent_id=None, on):
    """The agreement a record of this place and date serves by default, or None."""
    if province_id is None:
        return None
    return AgreementChooser(province_ids=[province_id]).choose(
        province_id=province_id, city_id=city_id, city_parent_id=city_parent_id, on=on
    )
