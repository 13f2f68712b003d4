"""The django-ninja API assembled from each app's `api.py` router (see router.py)."""
