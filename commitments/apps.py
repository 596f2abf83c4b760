from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "commitments"
    verbose_name = _("Plan de acción")

    def ready(self):
        from django.db.models.signals import post_delete, post_migrate, post_save, pre_save

        from commitments import listing, projection
        from commitments.models import ActionPlan, Exercise

        for model in projection.SOURCES:
            post_save.connect(projection.on_save, sender=model, dispatch_uid=f"state-{model}")
            post_delete.connect(projection.on_save, sender=model, dispatch_uid=f"state-d-{model}")
        # Stored states are derived by the current code: rebuilt after `migrate` when a
        # deploy changed the rule (or a migration added rows the states do not know yet).
        listing.register_parameters()
        post_migrate.connect(projection.after_migrate, sender=self, dispatch_uid="states-rule")
        for model in (ActionPlan, Exercise):
            uid = f"rule-{model}"
            pre_save.connect(projection.before_plan_save, sender=model, dispatch_uid=uid)
            post_save.connect(projection.on_plan_save, sender=model, dispatch_uid=f"{uid}-saved")
