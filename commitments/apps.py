from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def public_files():
    """The plan's file fields and when a row's file is public (core/media.py)."""
    from django.db.models import Q

    from commitments.models import ClosingReport, Evidence, FactStatus, Measurement

    def of_published_commitment(prefix=""):
        return Q(
            **{
                f"{prefix}commitment__is_published": True,
                f"{prefix}commitment__plan__is_published": True,
            }
        )

    # A published fact stays on the public record (past days link to it), even once corrected.
    published = Q(status=FactStatus.PUBLISHED, published_at__isnull=False)
    return [
        (Measurement, "evidence_file", published & of_published_commitment("indicator__")),
        (Evidence, "evidence_file", published & of_published_commitment()),
        (ClosingReport, "evidence_file", published & of_published_commitment()),
    ]


class CommitmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commitments"
    verbose_name = _("Plan de acción")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save, pre_save

        from commitments import listing, projection
        from commitments.models import ActionPlan, Exercise
        from core import media

        for model in projection.SOURCES:
            post_save.connect(projection.on_save, sender=model, dispatch_uid=f"state-{model}")
            post_delete.connect(projection.on_save, sender=model, dispatch_uid=f"state-d-{model}")
        # Stored states are derived by the current code: rebuilt after `migrate` when a
        # deploy changed the rule (or a migration added rows the states do not know yet).
        listing.register_parameters()
        media.register(self.label, public_files)
        post_migrate.connect(projection.after_migrate, sender=self, dispatch_uid="states-rule")
        for model in (ActionPlan, Exercise):
            uid = f"rule-{model}"
            pre_save.connect(projection.before_plan_save, sender=model, dispatch_uid=uid)
            post_save.connect(projection.on_plan_save, sender=model, dispatch_uid=f"{uid}-saved")
