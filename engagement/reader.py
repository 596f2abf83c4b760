"""What is public about questions and answers, as plain values (no request, URL or cache).

A day D shows the questions approved by the end of D with the answer in force then
(`PublicFactQuerySet.public_at`: a later correction does not change D). Names are shown as
the person wrote them, or «Persona anónima»; e-mail addresses are never read here.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Commitment, CommitmentVersion, FactStatus
from core import clock
from core.l10n import base_language
from core.translated import Text
from engagement.models import Answer, Moderation, Question


@dataclass(frozen=True)
class AnswerView:
    text: str
    published_at: datetime
    corrected: bool

    @property
    def published_on(self):
        return timezone.localdate(self.published_at)


@dataclass(frozen=True)
class QuestionView:
    pk: int
    kind: str
    kind_label: str
    text: str
    name: str
    received_at: datetime
    published_at: datetime
    answer: AnswerView | None

    @property
    def received_on(self):
        return timezone.localdate(self.received_at)


def public_questions(commitment_id, day):
    """The commitment's questions public at the end of `day`, oldest first, each with its
    answer then in force. One query (the commitment page counts them)."""
    answer = Answer.objects.public_at(day).filter(question=OuterRef("pk")).order_by("-pk")[:1]
    rows = (
        Question.objects.public_at(day)
        .filter(commitment_id=commitment_id)
        .annotate(
            answer_text=Subquery(answer.values("text")),
            answered_at=Subquery(answer.values("published_at")),
            answer_corrects=Subquery(answer.values("supersedes_id")),
        )
        .order_by("published_at", "id")
        .values_list(
            "pk",
            "kind",
            "text",
            "name",
            "received_at",
            "published_at",
            "answer_text",
            "answered_at",
            "answer_corrects",
            "language",
        )
    )
    labels = dict(Question._meta.get_field("kind").flatchoices)
    return [
        QuestionView(
            pk=pk,
            kind=kind,
            kind_label=str(labels[kind]),
            text=Text(text, _lang(language)),
            name=name or _("Persona anónima"),
            received_at=received,
            published_at=published,
            answer=(
                AnswerView(Text(answer_text, _lang(language)), answered, bool(corrects))
                if answered
                else None
            ),
        )
        for (
            pk,
            kind,
            text,
            name,
            received,
            published,
            answer_text,
            answered,
            corrects,
            language,
        ) in rows
    ]


def _lang(language):
    """A question's language as a text's ("es", "en"): the answer is written in it too, as
    the notice of the answer is (screen readers read each in its own voice)."""
    return base_language(language)


@dataclass(frozen=True)
class CommitmentRef:
    pk: int
    slug: str
    code: str
    title: str
    is_example: bool


def public_commitment(slug):
    """The commitment with `slug` if it is public now (its public code and title), else None."""
    commitment = (
        Commitment.objects.filter(slug=slug, is_published=True, plan__is_published=True)
        .values("pk", "slug", "is_example")
        .first()
    )
    if commitment is None:
        return None
    version = (
        CommitmentVersion.objects.filter(
            commitment_id=commitment["pk"], published_at__lte=clock.now()
        )
        .order_by("-number")
        .first()
    )
    if version is None:
        return None
    content = version.content
    return CommitmentRef(
        commitment["pk"], commitment["slug"], content.code, content.title, commitment["is_example"]
    )


@dataclass(frozen=True)
class AnswerChange:
    """An answer made public, as a line of a follower's digest."""

    at: datetime
    commitment_id: int
    question: str
    corrected: bool


def answers_published_between(start, end, commitment_ids):
    """Answers (and corrections of answers) made public in (start, end]."""
    rows = (
        Answer.objects.filter(
            status=FactStatus.PUBLISHED,
            published_at__gt=start,
            published_at__lte=end,
            is_withdrawal=False,
            question__status=Moderation.PUBLISHED,
            question__commitment_id__in=commitment_ids,
        )
        .order_by("published_at", "id")
        .values_list("published_at", "question__commitment_id", "question__text", "supersedes_id")
    )
    return [AnswerChange(at, cid, text, bool(sup)) for at, cid, text, sup in rows]
