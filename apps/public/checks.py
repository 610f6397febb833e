"""A system check: the map's outlines the home page draws are built (``npm ci``) and up to date."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Info, Warning, register

SOURCE = Path(settings.BASE_DIR) / "static" / "src" / "china-map.mjs"
BUILT = Path(settings.BASE_DIR) / "node_modules" / ".portal"


@register()
def map_outlines_built(app_configs=None, **kwargs):
    outlines, boundaries = BUILT / "china-map.json", BUILT / "china.json"
    if not outlines.exists() or not boundaries.exists():
        return [
            Warning(
                "The map of China's outlines are not built.",
                hint="Run `npm ci` (or `npm run build`): the home page draws no map.",
                id="public.W001",
            )
        ]
    if SOURCE.exists() and SOURCE.stat().st_mtime > outlines.stat().st_mtime:
        return [
            # Only a note: a checkout may leave the source newer than what was built from it.
            Info(
                "static/src/china-map.mjs may be newer than the outlines built from it.",
                hint="Run `npm run build`.",
                id="public.I001",
            )
        ]
    return []
