"""Questions and answers in the admin, through `engagement.services` only.

The Secretariado moderates questions (publish as written, or keep off the page); the
responsible unit's liaison drafts the answer and sends it to review; the Secretariado
returns it with a comment or publishes it, like any public fact (`FactAdmin`). The asker's
e-mail is never shown here: staff have no use for it.
"""

from django.contrib import admin, messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from commitments import permissions
from commitments.admin.basics import refuse
from commitments.admin.facts import FactAdmin
from commitments.admin.scope import AuditedAdmin
from engagement import services
from engagement.models import Answer, Moderation, Question


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    list_display = ["excerpt", "commitment_code", "kind", "received", "status", "answer_link"]
    list_filter = ["status", "kind", "commitment__plan"]
    search_fields = ["text", "commitment__code"]
    fields = [
        "commitment",
        "kind",
        "text",
        "name",
        "received_at",
        "status",
        "published_at",
        "answer_link",
    ]
    readonly_fields = fields
    actions = ["approve_selected", "reject_selected", "withdraw_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("commitment")

    def has_add_permission(self, request):
        return False  # questions come from the public form

    def has_change_permission(self, request, obj=None):
        # A question is never edited: the list's actions moderate it.
        return obj is None and super().has_change_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not permissions.is_reviewer(request.user):
            actions.pop("approve_selected", None)
            actions.pop("reject_selected", None)
            actions.pop("withdraw_selected", None)
        return actions

    @admin.display(description=_("texto"))
    def excerpt(self, obj):
        return obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"

    @admin.display(description=_("compromiso"), ordering="commitment__code")
    def commitment_code(self, obj):
        return obj.commitment.code

    @admin.display(description=_("recibida el"), ordering="received_at")
    def received(self, obj):
        return date_format(timezone.localtime(obj.received_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("respuesta"))
    def answer_link(self, obj):
        if obj.status != Moderation.PUBLISHED:
            return "-"
        answer = obj.answers.filter(superseded=False).order_by("-pk").first()
        if answer is not None:
            url = reverse("admin:engagement_answer_change", args=[answer.pk])
            return format_html('<a href="{}">{}</a>', url, answer.get_status_display())
        url = reverse("admin:engagement_answer_add") + f"?question={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Redactar la respuesta"))

    def _moderate(self, request, queryset, write, done_message, status=Moderation.PENDING):
        done = 0
        for question in queryset.filter(status=status):
            try:
                write(question=question, by=request.user)
            except ValidationError as error:
                refuse(self, request, error, subject=question)
            else:
                done += 1
        self.message_user(
            request,
            ngettext(done_message[0], done_message[1], done) % {"n": done},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(description=_("Publicar tal como se escribió"), permissions=["change"])
    def approve_selected(self, request, queryset):
        self._moderate(
            request,
            queryset,
            services.approve,
            ("Publicaste %(n)d pregunta.", "Publicaste %(n)d preguntas."),
        )

    @admin.action(
        description=_("No publicar (spam, insultos, datos personales)"), permissions=["change"]
    )
    def reject_selected(self, request, queryset):
        self._moderate(
            request,
            queryset,
            services.reject,
            ("Dejaste fuera %(n)d mensaje.", "Dejaste fuera %(n)d mensajes."),
        )

    @admin.action(
        description=_("Retirar de la página (a petición de quien la escribió)"),
        permissions=["change"],
    )
    def withdraw_selected(self, request, queryset):
        self._moderate(
            request,
            queryset,
            services.withdraw_question,
            ("Retiraste %(n)d pregunta.", "Retiraste %(n)d preguntas."),
            status=Moderation.PUBLISHED,
        )


@admin.register(Answer)
class AnswerAdmin(FactAdmin):
    list_display = ["question", "status_shown", "published_day"]
    list_filter = ["status", "question__commitment__plan"]
    search_fields = ["text", "question__text", "question__commitment__code"]
    fields = ["question", "text"]
    correctable = ("text",)
    draft_note = _(
        "Se guarda como borrador: no será público hasta que lo publiques (acción «Publicar»). "
        "Al publicarlo, si quien preguntó dejó su correo, recibe un aviso."
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question__commitment")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "question":
            published = Question.objects.filter(status=Moderation.PUBLISHED)
            kwargs["queryset"] = permissions.scope(published, request.user, "commitment")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def record(self, request, obj, form):
        return services.draft_answer(question=obj.question, text=obj.text, by=request.user)

    @admin.action(
        description=_("Publicar"),
        location=[ActionLocation.CHANGE_LIST, ActionLocation.CHANGE_FORM],
    )
    def publish_selected(self, request, queryset):
        done = 0
        for answer in queryset.drafts():
            try:
                services.publish_answer(answer=answer, by=request.user)
            except ValidationError as error:
                refuse(self, request, error, subject=answer)
            else:
                done += 1
        self.message_user(
            request,
            ngettext("Publicaste %(n)d respuesta.", "Publicaste %(n)d respuestas.", done)
            % {"n": done},
            messages.SUCCESS if done else messages.WARNING,
        )
