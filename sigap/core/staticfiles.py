"""The static files storage of production: whitenoise's compressed manifest, minus source maps.

Vendored minified files (chart.js) end with a `sourceMappingURL` comment naming a .map file that
is not shipped; Django's manifest storage would refuse the whole `collectstatic` for it. The
comment only matters to a developer's browser tools, so it is left as it is, unhashed.
"""

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage


def _without_source_maps(patterns):
    kept = []
    for extension, rules in patterns:
        rules = tuple(
            rule
            for rule in rules
            if "sourceMappingURL" not in (rule[0] if isinstance(rule, tuple) else rule)
        )
        kept.append((extension, rules))
    return tuple(kept)


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = _without_source_maps(HashedFilesMixin.patterns)
