"""Every model of the plan and of the Secretariat keeps its audit history.

django-simple-history writes a historical row for each save and delete, with who did it:
the request's user (HistoryRequestMiddleware) or the `by=` a service was given. Models are
registered here, from each app's models package, rather than with a field on each class,
so the audit is one decision in one place and a new model is audited without remembering.
"""

from django.db import models
from simple_history import register


def register_models(namespace, app):
    """Register every concrete model of `app` named in a models package's namespace."""
    for value in list(namespace.values()):
        is_model = isinstance(value, type) and issubclass(value, models.Model)
        if not is_model or value._meta.abstract or value._meta.app_label != app:
            continue
        # Derived data (`audited = False`) is rebuilt from audited rows, never edited.
        if value.__name__.startswith("Historical") or not getattr(value, "audited", True):
            continue
        # Plain many-to-many links (a commitment's pillars, a liaison's units, an agreement's
        # commitments) are part of what changed too; a link with its own model is audited as
        # that model.
        m2m = [
            f for f in value._meta.local_many_to_many if f.remote_field.through._meta.auto_created
        ]
        register(value, app=app, user_related_name="+", m2m_fields=m2m)
