from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def public_files():
    """The Secretariado's file fields and when a row's file is public (core/media.py)."""
    from django.db.models import Q

    from secretariat.models import Call, Member, Session

    return [
        (Session, "minutes", Q()),
        (Call, "document", Q()),
        (Member, "photo", Q(publish_photo=True)),
    ]


class SecretariatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "secretariat"
    verbose_name = _("Secretariado Técnico")

    def ready(self):
        from core import media, params
        from secretariat.models import Agreement, Session

        def choices():
            return {"sessions": frozenset(Session.objects.values_list("slug", flat=True))}

        media.register(self.label, public_files)
        params.register(
            view_parsers={
                "secretariat:agreements": {
                    "estado": params.one_of(set(Agreement.Status.values)),
                    "sesion": params.known("sessions"),
                    "responsable": params.PARSERS["q"],
                    "vencidos": params.flag,
                },
            },
            choices=choices,
        )
