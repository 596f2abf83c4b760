"""The public change log: what was published, and when (never who), with Atom feeds."""

from django import forms
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commitments import reader
from commitments.models import Commitment, ResponsibleUnit
from core.cache import public_page

PAGE_SIZE = 50
FEED_SIZE = 50


class ChangeFilterForm(forms.Form):
    """The change log's filters; the query was canonicalised already (core/params.py)."""

    tipo = forms.ChoiceField(label=gettext_lazy("Tipo de cambio"), required=False)
    compromiso = forms.ChoiceField(label=gettext_lazy("Compromiso"), required=False)
    dependencia = forms.ChoiceField(label=gettext_lazy("Dependencia responsable"), required=False)
    desde = forms.DateField(
        label=gettext_lazy("Desde"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    hasta = forms.DateField(
        label=gettext_lazy("Hasta"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, data, all_changes):
        super().__init__(data)
        commitments = sorted({(c.code, c.slug, c.title) for c in all_changes if c.slug})
        self.fields["tipo"].choices = [
            ("", _("Todos")),
            *((value, label) for value, label, _kept in reader.FILTER_KINDS),
        ]
        self.fields["compromiso"].choices = [
            ("", _("Todos")),
            *((slug, f"{code} · {title}") for code, slug, title in commitments),
        ]
        units = ResponsibleUnit.objects.filter(slug__in={c.unit for c in all_changes if c.unit})
        self.fields["dependencia"].choices = [
            ("", _("Todas")),
            *((u.slug, str(u)) for u in units.order_by("name")),
        ]

    def chosen(self):
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "kind": data.get("tipo") or "",
            "slug": data.get("compromiso") or "",
            "unit": data.get("dependencia") or "",
            "since": data.get("desde"),
            "until": data.get("hasta"),
        }


@public_page
def changes(request):
    everything = reader.published_between()
    form = ChangeFilterForm(request.GET, everything)
    chosen = form.chosen()
    shown = [c for c in everything if reader.matches(c, **chosen)]
    page_obj = Paginator(shown, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "commitments/changes.html",
        {
            "form": form,
            "filtered": any(chosen.values()),
            "page_obj": page_obj,
            "page_range": page_obj.paginator.get_elided_page_range(page_obj.number, on_ends=1),
            "has_examples": any(c.is_example for c in shown),
            "feed_slug": chosen["slug"],
        },
    )


class ChangeFeed(Feed):
    """The latest published changes of the whole site."""

    feed_type = Atom1Feed
    title = gettext_lazy("Cambios publicados · Gobierno Abierto")
    subtitle = gettext_lazy(
        "Lo que se publicó en el portal: avances, evidencias, correcciones, retiros, "
        "versiones y estados asignados."
    )

    def link(self, obj=None):
        return reverse("changes")

    def items(self, obj=None):
        return reader.published_between(commitment=obj)[:FEED_SIZE]

    def item_title(self, item):
        prefix = f"{item.code} · " if item.code else ""
        return f"{prefix}{item.text}"

    def item_description(self, item):
        if item.reason:
            return _("Motivo: %(reason)s") % {"reason": item.reason}
        return item.title

    def item_link(self, item):
        return item.url or reverse("changes")

    def item_guid(self, item):
        return item.key

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at


class CommitmentChangeFeed(ChangeFeed):
    """The published changes of one commitment."""

    def get_object(self, request, slug):
        return get_object_or_404(Commitment, slug=slug, is_published=True, plan__is_published=True)

    def title(self, obj):
        return _("Cambios publicados de %(code)s") % {"code": obj.code}

    def link(self, obj):
        return obj.get_absolute_url()
