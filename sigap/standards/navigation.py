"""Staff menu entry: the service standards every request runs under."""

from django.utils.translation import gettext_lazy as _

from sigap.core.menu import MenuItem

ITEMS = [MenuItem(label=_("Service standards"), url_name="standards:catalogue", order=800)]
