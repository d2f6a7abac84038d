#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check that an iotlbfuzz HTML report is a self-contained, well-formed page.

usage: check-html.py REPORT.html

Well-formed: it parses as XML (every element closed and properly nested,
every '&' and '<' escaped) and html.parser sees the same balanced tags.
Self-contained: no scripts, no external stylesheets, images or frames.
Exit 0 if it is, 1 with the reasons otherwise.
"""
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base",
        "source", "wbr", "track", "embed", "param"}
EXTERNAL = {"script", "link", "img", "iframe", "frame", "object", "embed",
            "audio", "video", "source"}


class Nesting(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags = [], [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in ("src", "href") and value and not value.startswith("#"):
                self.errors.append(f"<{tag} {name}={value!r}>: an external reference")
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> at line {self.getpos()[0]} closes "
                               f"{self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    errors = []
    if not text.startswith("<!DOCTYPE html>"):
        errors.append("no <!DOCTYPE html>")
    try:
        ET.fromstring(text.split("\n", 1)[1])
    except ET.ParseError as e:
        errors.append(f"not well-formed: {e}")
    p = Nesting()
    p.feed(text)
    p.close()
    errors += p.errors
    if p.stack:
        errors.append(f"unclosed: {p.stack}")
    for tag in ("html", "head", "title", "style", "body", "h1", "table", "pre"):
        if tag not in p.tags:
            errors.append(f"no <{tag}>")
    errors += [f"<{t}>: not self-contained" for t in sorted(p.tags & EXTERNAL)]
    for e in errors:
        print(f"{sys.argv[1]}: {e}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
