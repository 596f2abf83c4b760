from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecretariatConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "secretariat"
    verbose_name = _("Secretariado Técnico")

    def ready(self):
        from portal import params
        from secretariat.models import Agreement, Session

        def choices():
            return {"sessions": frozenset(Session.objects.values_list("slug", flat=True))}

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
