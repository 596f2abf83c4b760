from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode
from django.utils.html import strip_tags

register = template.Library()


@register.simple_tag(takes_context=True)
def block_text(context, name):
    """The page's block `name` as plain text, to say it twice (<title> and og:title).

    Django renders a block only where it is defined; pages fill `title` and `description`
    once and the Open Graph tags repeat them from here.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context else None
    if block is None:
        return ""
    with context.push():
        node = BlockNode(block.name, block.nodelist)
        node.context = context
        context["block"] = node
        # strip_tags unescapes nothing: the text stays escaped for the attribute it goes in.
        return " ".join(strip_tags(node.nodelist.render(context)).split())


@register.filter
def minutes(delta):
    """A timedelta in whole minutes, rounded up (a lockout of 30 min says 30, not 29)."""
    return -(-int(delta.total_seconds()) // 60)
