import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nqtrack.settings")
application = get_wsgi_application()

# Import every view module now, while the worker starts, rather than on its first request: the export
# and report modules alone take one to two seconds to import, which the first visitor would wait for.
get_resolver().url_patterns  # noqa: B018 - evaluated for its import side effect
