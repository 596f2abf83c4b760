from django import template

from engagement import reader

register = template.Library()


@register.simple_tag
def public_questions(page):
    """The questions public on the day a commitment page shows (`CommitmentPage`)."""
    return reader.public_questions(page.pk, page.day)
