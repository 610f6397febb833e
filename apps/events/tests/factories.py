import datetime

import factory

from apps.events.models import EventKind, ExchangeEvent
from apps.regions.tests.factories import CityFactory


class ExchangeEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeEvent

    code = factory.Sequence(lambda n: f"ev-{n}")
    title_zh = factory.Sequence(lambda n: f"技术对接会{n}")
    title_en = factory.Sequence(lambda n: f"Match-making session {n}")
    kind = EventKind.MATCHMAKING
    start_on = factory.Sequence(
        lambda n: datetime.date(2015, 1, 1) + datetime.timedelta(days=n % 360)
    )
    city = factory.SubFactory(CityFactory)
    province = factory.SelfAttribute("city.province")
    participants = 80
