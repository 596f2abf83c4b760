"""sitemap.xml: every public page a search engine should know about, in each language (the
Spanish address and the English one under /en/), each naming the other as its alternate."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from commitments.models import Axis, Commitment, Organization, ResponsibleUnit
from core import clock
from participation.models import Proposal
from secretariat.models import Call, Session


class Pages(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class StaticPages(Pages):
    # Names missing from the URLconf are skipped, like the main navigation does.
    names = [
        "home",
        "board",
        "secretariat:index",
        "secretariat:agreements",
        "secretariat:obligations",
        "secretariat:route",
        "participation:index",
        "participation:proposals",
        "open_data",
        "api_docs",
        "reports",
    ]

    def items(self):
        items = []
        for name in self.names:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            items.append(name)
        return items

    def location(self, item):
        return reverse(item)


class Commitments(Pages):
    def items(self):
        return Commitment.objects.published().order_by("plan_id", "code")

    def lastmod(self, commitment):
        return commitment.updated_at


class Axes(Pages):
    def items(self):
        return Axis.objects.filter(plan__is_published=True).order_by("plan_id", "order", "pk")


class Units(Pages):
    def items(self):
        published = Commitment.objects.published()
        leads_or_shares = Q(commitments__in=published) | Q(
            co_responsibilities__commitment__in=published
        )
        return ResponsibleUnit.objects.filter(leads_or_shares).distinct().order_by("name")


class Organizations(Pages):
    def items(self):
        published = Commitment.objects.published()
        return (
            Organization.objects.filter(co_responsibilities__commitment__in=published)
            .distinct()
            .order_by("name")
        )


class Sessions(Pages):
    def items(self):
        return Session.objects.newest_first()


class Calls(Pages):
    def items(self):
        return Call.objects.order_by("-published_on")


class Proposals(Pages):
    def items(self):
        return Proposal.objects.filter(recorded_at__lte=clock.now()).order_by("number")


SITEMAPS = {
    "paginas": StaticPages,
    "compromisos": Commitments,
    "ejes": Axes,
    "dependencias": Units,
    "organizaciones": Organizations,
    "sesiones": Sessions,
    "convocatorias": Calls,
    "propuestas": Proposals,
}
