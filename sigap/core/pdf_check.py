"""Whether a file that starts like a PDF is a real PDF without active content.

The first bytes only say what a file claims to be: `%PDF-1.4` followed by HTML and script
passes a magic-number check. So a PDF upload is parsed (pypdf) and accepted only when it
has pages, and refused when it carries JavaScript, launch or other actions run on opening,
embedded files or an XFA form: staff open these files on office computers.
"""

import io
import logging
from typing import BinaryIO

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# Refused anywhere in the catalogue, a page, an annotation or a form field.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/XFA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
# A scan of a few pages has a few dozen objects; bounds the walk of a crafted file.
MAX_OBJECTS = 20_000
MAX_PAGES = 500

logging.getLogger("pypdf").setLevel(logging.ERROR)


class PdfRefused(Exception):
    """`reason` is "unreadable" (not a PDF), "encrypted" or "active" (scripts and the like)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _has_active_content(root: DictionaryObject) -> bool:
    stack: list = [root]
    seen: set[int] = set()
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if node.idnum in seen:
                continue
            seen.add(node.idnum)
            node = node.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise PdfRefused("unreadable")
        if isinstance(node, DictionaryObject):
            if ACTIVE_KEYS & set(node.keys()):
                return True
            if node.get("/S") in ACTIVE_ACTIONS:
                return True
            # Page contents and images are streams of data, not structure: skip their bodies.
            stack.extend(value for key, value in node.items() if key != "/Parent")
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return False


def check_pdf(file: BinaryIO) -> int:
    """The page count of a clean PDF; raises PdfRefused otherwise. Leaves `file` at 0."""
    file.seek(0)
    data = file.read()
    file.seek(0)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PdfRefused("encrypted")
        root = reader.trailer["/Root"].get_object()
        pages = len(reader.pages)
    except PdfRefused:
        raise
    except (PyPdfError, KeyError, ValueError, TypeError, AttributeError, RecursionError) as exc:
        raise PdfRefused("unreadable") from exc
    if not 0 < pages <= MAX_PAGES:
        raise PdfRefused("unreadable")
    try:
        active = _has_active_content(root)
    except (PyPdfError, KeyError, ValueError, TypeError, AttributeError, RecursionError) as exc:
        raise PdfRefused("unreadable") from exc
    if active:
        raise PdfRefused("active")
    return pages
