"""Spanish left on an English page: the texts of the catalogues whose English differs, looked
for in what the page shows (its text and its readable attributes), leaving out what is marked
`lang="es…"` (staff data that has no English yet falls back to Spanish, marked so)."""

import re
from html.parser import HTMLParser

from tests.i18n.catalogues import PYTHON_PLACEHOLDER, untranslated_on_english_pages

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
BLOCK = {
    *("address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl"),
    *("dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4"),
    *("h5", "h6", "header", "legend", "li", "main", "nav", "ol", "option", "p", "section"),
    *("summary", "table", "td", "th", "title", "tr", "ul", "br", "label", "button"),
    *("entry", "feed", "subtitle", "summary", "content", "name", "text", "desc"),
}
# Code (parameter names, examples) is not prose: it stays as it is in every language.
HIDDEN = {"script", "style", "template", "code", "pre", "kbd", "samp"}
READABLE = {"title", "alt", "aria-label", "placeholder", "aria-description"}
META = {"description", "og:title", "og:description", "og:image:alt", "twitter:title"}


class Segments(HTMLParser):
    """The lines a reader meets on a page (block by block) and its readable attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, skipped) of open elements
        self.lines, self.current, self.attributes = [], [], []

    @property
    def skipping(self):
        return any(skipped for _tag, skipped in self.stack)

    def _break(self):
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        spanish = (attrs.get("lang") or "").lower().startswith("es")
        if tag in BLOCK:
            self._break()
        if not (self.skipping or spanish):
            self.attributes += [v for k, v in attrs.items() if k in READABLE and v]
            if tag == "meta" and (attrs.get("name") or attrs.get("property")) in META:
                self.attributes.append(attrs.get("content") or "")
            if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
                self.attributes.append(attrs["value"])
        if tag not in VOID:
            self.stack.append((tag, spanish or tag in HIDDEN))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break
        if tag in BLOCK:
            self._break()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)

    def segments(self):
        self._break()
        return self.lines + [" ".join(a.split()) for a in self.attributes]


def _pattern(msgid):
    """A regex for `msgid` as a page shows it: its markup gone, any text in its placeholders."""
    text = " ".join(re.sub(r"<[^>]+>", "", msgid).split())
    parts = PYTHON_PLACEHOLDER.split(text)
    literal = "".join(parts)
    # One or two words (a label, a heading) only count as a whole line: the same words may be
    # part of some Spanish data; a longer text is looked for anywhere.
    whole = len(re.findall(r"\w+", literal)) < 3
    body = ".+?".join(re.escape(part).replace("%%", "%") for part in parts)
    if not re.search(r"[^\W\d_]{2}", literal):
        return None  # placeholders and signs only
    return re.compile(rf"^{body}$" if whole else rf"(?<!\w){body}(?!\w)")


class Finder:
    """Finds catalogue Spanish in pages; built once (the catalogues are read once)."""

    def __init__(self):
        self.entries = untranslated_on_english_pages()
        self.patterns = [
            (msgid, pattern) for msgid in self.entries if (pattern := _pattern(msgid)) is not None
        ]

    def in_page(self, html):
        parser = Segments()
        parser.feed(html)
        parser.close()
        segments = parser.segments()
        return sorted(
            {
                (msgid, segment)
                for segment in segments
                for msgid, pattern in self.patterns
                if pattern.search(segment)
            }
        )
