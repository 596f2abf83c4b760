from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """The page's block `name` as plain text, to say it twice (<title> and og:title).

    Django renders a block only where it is defined; pages fill `title` and `description`
    once and the Open Graph tags repeat them from here.
    """
    # strip_tags unescapes nothing: the text stays escaped for the attribute it goes in.
    return " ".join(strip_tags(_render_block(context, name)).split())


@register.simple_tag(takes_context=True)
def block_attribute(context, name):
    """The page's block `name` as it renders (an attribute such as ` lang="es"` from the
    `lang_attr` filter), to add it to more than one element (<title> and og:title)."""
    return mark_safe(_render_block(context, name))  # rendered, so already escaped


def _render_block(context, name):
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    with context.push():
        node = BlockNode(block.name, block.nodelist)
        node.context = context
        context["block"] = node
        return node.nodelist.render(context)


@register.filter
def minutes(delta):
    """A timedelta in whole minutes, rounded up (a lockout of 30 min says 30, not 29)."""
    return -(-int(delta.total_seconds()) // 60)
