"""XML bomb and XXE screening for workbook parts, reading only each part's prolog.

A DTD (and so any entity declaration, the root of "billion laughs" and external-entity attacks)
may only appear before the root element. Feeding a part's first bytes to expat until the root
element opens therefore proves the whole part free of DTDs, whatever its encoding (UTF-8 or
UTF-16, with or without a byte-order mark), at the cost of a few hundred bytes per part. No
entity is ever expanded: the handlers stop the parser at the first declaration.
"""

from __future__ import annotations

import xml.parsers.expat
from enum import Enum

from rmi.intake.sniff import FileFormat
from rmi.intake.vocabulary import IntakeCode, IntakeRejection

_XML_STARTS = (b"<", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00<")


class _RootReached(Exception):
    """Stops expat once the prolog is over; nothing after it can declare entities."""


class _UnsafeMarkup(Exception):
    """A DOCTYPE or an entity declaration was found."""


class _State(Enum):
    WAITING = "waiting"
    PARSING = "parsing"
    DONE = "done"


class PrologScreen:
    """Fed the chunks of one part in order; raises ``IntakeRejection`` on DTDs or a broken prolog."""

    def __init__(self, part: str, detected: FileFormat, max_prolog: int) -> None:
        self._part = part
        self._detected = detected
        self._max_prolog = max_prolog
        self._fed = 0
        self._state = _State.WAITING
        self._parser: xml.parsers.expat.XMLParserType | None = None

    @property
    def done(self) -> bool:
        return self._state is _State.DONE

    def feed(self, chunk: bytes) -> None:
        if self._state is _State.DONE:
            return
        if self._state is _State.WAITING:
            if not _looks_like_xml(chunk):
                self._state = _State.DONE
                return
            self._parser = _screening_parser(chunk, self)
            self._state = _State.PARSING
        self._fed += len(chunk)
        self._parse(chunk, final=False)
        if not self.done and self._fed > self._max_prolog:
            self._reject(IntakeCode.XML_UNSAFE, "prolog too long")

    def finish(self) -> None:
        """The part ended; a part that looked like XML but never opened a root element is broken."""
        if self._state is _State.PARSING:
            self._parse(b"", final=True)
            if not self.done:
                self._reject(IntakeCode.CORRUPT_XLSX, "no root element")

    def _parse(self, chunk: bytes, *, final: bool) -> None:
        assert self._parser is not None
        try:
            self._parser.Parse(chunk, final)
        except _RootReached:
            self._state = _State.DONE
        except _UnsafeMarkup:
            self._reject(IntakeCode.XML_UNSAFE, "DOCTYPE or ENTITY declaration")
        except xml.parsers.expat.ExpatError as exc:
            self._reject(IntakeCode.CORRUPT_XLSX, f"malformed XML ({exc.code})")
        except (LookupError, ValueError):
            # expat asks Python's codecs for a declared encoding it does not know itself.
            self._reject(IntakeCode.CORRUPT_XLSX, "unknown XML encoding")

    def _reject(self, code: IntakeCode, detail: str) -> None:
        self._state = _State.DONE
        raise IntakeRejection(code, self._detected, part=self._part, detail=detail)

    def on_doctype(self, *_args: object) -> None:
        raise _UnsafeMarkup

    def on_entity(self, *_args: object) -> None:
        raise _UnsafeMarkup

    def on_root(self, *_args: object) -> None:
        raise _RootReached


def _screening_parser(first_chunk: bytes, screen: PrologScreen) -> xml.parsers.expat.XMLParserType:
    """A parser whose handlers stop at the first declaration or at the root element.

    A byte-order mark (or UTF-16's zero bytes) overrides the declared encoding, as Excel and
    SharePoint do: real RMI templates ship UTF-16 customXml parts that declare ``utf-8``.
    """
    parser = xml.parsers.expat.ParserCreate(encoding=_encoding_override(first_chunk))
    parser.StartDoctypeDeclHandler = screen.on_doctype
    parser.EntityDeclHandler = screen.on_entity
    parser.StartElementHandler = screen.on_root
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


def _encoding_override(first_chunk: bytes) -> str | None:
    if first_chunk.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
        return "UTF-16"
    if first_chunk.startswith(b"\xef\xbb\xbf"):
        return "UTF-8"
    return None


def _looks_like_xml(chunk: bytes) -> bool:
    return chunk.lstrip(b" \t\r\n").startswith(_XML_STARTS) or chunk.startswith(b"<\x00")
