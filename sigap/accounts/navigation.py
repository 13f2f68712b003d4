from django.utils.translation import gettext_lazy as _

from sigap.core.menu import MenuItem

ITEMS = [MenuItem(label=_("My account"), url_name="accounts:profile", order=900)]
