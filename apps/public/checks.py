"""A system check: the chart bundle the pages load is built (``npm ci``) and up to date."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Info, Warning, register

SOURCE = Path(settings.BASE_DIR) / "static" / "src" / "charts.js"
BUILT = Path(settings.BASE_DIR) / "node_modules" / ".portal"


@register()
def chart_bundle_built(app_configs=None, **kwargs):
    bundle, boundaries = BUILT / "charts.min.js", BUILT / "china.json"
    if not bundle.exists() or not boundaries.exists():
        return [
            Warning(
                "The chart bundle and the map of China are not built.",
                hint="Run `npm ci` (or `npm run build`): the home and region pages draw nothing.",
                id="public.W001",
            )
        ]
    if SOURCE.exists() and SOURCE.stat().st_mtime > bundle.stat().st_mtime:
        return [
            # Only a note: a checkout may leave the source newer than a bundle built from it.
            Info(
                "static/src/charts.js may be newer than its bundle.",
                hint="Run `npm run build`.",
                id="public.I001",
            )
        ]
    return []
