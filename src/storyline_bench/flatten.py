"""An HTML page flattened to all its visible text, as a user gets it who saves a page as text from a browser:
menus, footers, comment threads and all, one line per block, roughly as the browser's innerText lays it out.

Not shown, so not kept: the head, scripts, styles, templates, <noscript> (a browser runs scripts), embedded
frames and objects, elements marked hidden (the 'hidden' attribute, an inline display:none or
visibility:hidden) and form controls' option lists. Everything else that holds text is kept, in page order.
"""

from __future__ import annotations

import re

from lxml import etree, html

# elements whose content a browser does not show as page text
SKIP = frozenset({"head", "script", "style", "noscript", "template", "iframe", "object", "embed", "canvas",
                  "select", "datalist", "svg", "math", "title", "meta", "link", "base", "input", "textarea"})
# elements laid out as blocks: their text starts and ends a line
BLOCK = frozenset({"address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog", "dir",
                   "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
                   "h5", "h6", "header", "hgroup", "html", "legend", "li", "main", "menu", "nav", "ol", "option",
                   "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "caption", "ul", "hr", "pre",
                   "frameset", "noframes", "output"})
PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})  # a blank line around them, as innerText does
CELL = frozenset({"td", "th"})  # cells of a row are separated by a tab
_HIDDEN_STYLE = re.compile(r"(display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
_SPACE = re.compile(r"[ \t\r\n\f\u00a0\u200b]+")


def _parse(page: str) -> etree._Element | None:
    """The page's element tree, or None when there is nothing to parse."""
    if not page.strip():
        return None
    try:
        return html.document_fromstring(page)
    except ValueError:  # a string with an XML encoding declaration: parse its bytes
        return html.document_fromstring(page.encode("utf-8"))
    except etree.ParserError:
        return None


def _hidden(el: etree._Element) -> bool:
    """True for an element the browser does not show."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() in SKIP or el.get("hidden") is not None:
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def visible_text(page: str) -> str:
    """All the visible text of an HTML page, a line per block, paragraphs separated by a blank line."""
    root = _parse(page)
    if root is None:
        return ""
    parts: list[str | int] = []  # text, or a number of line breaks wanted at this point

    def walk(el: etree._Element, pre: bool) -> None:
        if not isinstance(el.tag, str) or _hidden(el):  # comments and processing instructions show nothing
            return
        tag = el.tag.lower()
        breaks = 2 if tag in PARAGRAPH else 1 if tag in BLOCK else 0
        pre = pre or tag in ("pre", "textarea")
        if breaks:
            parts.append(breaks)
        if tag == "br":
            parts.append("\n")
        if el.text:
            parts.append(el.text if pre else _SPACE.sub(" ", el.text))
        for child in el:
            walk(child, pre)
            if child.tail:
                parts.append(child.tail if pre else _SPACE.sub(" ", child.tail))
        if tag in CELL:
            parts.append("\t")
        if breaks:
            parts.append(breaks)

    walk(root, False)
    return _join(parts)


def _join(parts: list[str | int]) -> str:
    """The text of the parts with the line breaks they ask for (the most asked for between two texts)."""
    out: list[str] = []
    pending = 0
    for part in parts:
        if isinstance(part, int):
            pending = max(pending, part)
            continue
        if part == "\n":
            out.append("\n")
            continue
        if not part.strip() and (pending or not out or out[-1].endswith("\n")):
            continue  # white space between blocks is not shown
        if pending and out:
            out.append("\n" * pending)
        pending = 0
        out.append(part)
    lines = ("".join(out)).split("\n")
    text = "\n".join(" ".join(line.split()) for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
