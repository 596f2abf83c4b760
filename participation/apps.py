from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def public_files():
    """Participation's file fields and when a row's file is public (core/media.py)."""
    from django.db.models import Q

    from participation.models import ResultsReport

    return [(ResultsReport, "document", Q())]


class ParticipationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "participation"
    verbose_name = _("Participación ciudadana")

    def ready(self):
        from core import media, params
        from participation.models import Origin, Outcome, Theme
        from participation.reader import PENDING

        def choices():
            return {"themes": frozenset(Theme.objects.values_list("slug", flat=True))}

        media.register(self.label, public_files)
        params.register(
            view_parsers={
                "participation:proposals": {
                    "destino": params.one_of({*Outcome.values, PENDING}),
                    "tema": params.known("themes"),
                    "origen": params.one_of(set(Origin.values)),
                },
            },
            choices=choices,
        )
