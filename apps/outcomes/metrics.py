"""Where each target metric's outcomes come from: the records linked to an agreement.

Each domain app declares, per metric its records count towards, which records count, on which
date each counts and what is added up (``apps/<app>/outcomes.py``, the record type's
``outcomes`` hook); which of them are published is the registry's rule. Progress, trends, the
admin and the public page all read these definitions; none repeats them.
"""

from apps.outcomes.choices import METRICS

# {metric: [Source]}, in the metrics' order.
SOURCES = {value: list(metric.sources) for value, metric in METRICS.items()}
