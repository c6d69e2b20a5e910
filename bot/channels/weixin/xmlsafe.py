"""Platform XML, parsed with defusedxml before anything else reads it.

wechatpy hands XML to xmltodict (expat), which expands internal entities: a "billion laughs"
body would eat the server's memory, and it would do so before any signature is checked. So
every callback body goes through defusedxml with DTDs forbidden first, and only one that passed
is given to wechatpy (a decrypted message too, unless it has no prolog to declare entities in:
`envelope`).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import ParseError

from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import fromstring

#: The control characters XML 1.0 forbids (tab, line feed and carriage return are allowed).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class BadXml(ValueError):
    """Not a plain WeChat `<xml>` document (malformed, or carrying a DTD or entities)."""


def parse_flat(data: str | bytes) -> dict[str, str]:
    """The text of the root `<xml>` element's children, by tag."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except (DefusedXmlException, ParseError, ValueError) as exc:
        raise BadXml(type(exc).__name__) from None
    if root.tag != "xml":
        raise BadXml("root element is not <xml>")
    return {child.tag: child.text or "" for child in root}


def cdata_text(text: str) -> str:
    """Text that stays inside the `<![CDATA[...]]>` wechatpy wraps reply fields in.

    Reply texts echo what users typed, so a "]]>" would end the section and let a user add
    elements to our reply; characters XML 1.0 forbids would make WeChat drop the reply.
    """
    return _FORBIDDEN.sub("", text).replace("]]>", "]]]]><![CDATA[>")
