"""Signals the layers above core send and receive, declared here so that the sender and the
receivers need not import each other."""

from django.dispatch import Signal

# Sent (``sender=None, build=<figures Build>``) when a rebuild of the summary tables behind the
# figures commits: the page cache moves its pages on to the new figures.
summary_rebuilt = Signal()
