"""A tiny DOM for tests: enough to ask what a person or a screen reader finds on a page."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCK = {
    "address",
    "article",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    @property
    def text(self):
        # Inline elements join their neighbours; block elements are separated by a space.
        parts = [
            c if isinstance(c, str) else (f" {c.text} " if c.tag in BLOCK else c.text)
            for c in self.children
        ]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    @property
    def classes(self):
        return set(self.attrs.get("class", "").split())

    def iter(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag=None, class_=None, **attrs):
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (class_ is None or class_ in node.classes)
            and all(node.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def find(self, tag=None, class_=None, **attrs):
        found = self.find_all(tag, class_, **attrs)
        assert found, f"no <{tag} class={class_} {attrs}> on the page"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v or "") for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.stack[-1].tag not in {"script", "style", "title", "head"}:
            self.stack[-1].children.append(data)


def parse(response_or_html):
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    builder = _Builder()
    builder.feed(html)
    return builder.root


def main_text(response):
    return parse(response).find("main").text


def headings(response):
    page = parse(response)
    return [
        (int(node.tag[1]), node.text) for node in page.iter() if re.fullmatch(r"h[1-6]", node.tag)
    ]


def assert_in_order(text, needles):
    position = -1
    for needle in needles:
        found = text.find(needle, position + 1)
        assert found > position, f"{needle!r} missing or out of order after position {position}"
        position = found
