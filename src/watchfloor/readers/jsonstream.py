"""Streaming JSON for very large exports, tolerant of the defects real exporters write.

Memory stays bounded by the largest single value, not the file: the stream keeps a byte buffer of
about one read chunk and walks the structure key by key; arrays are iterated element by element.

Each array element is parsed in one of two ways:

- fast: pretty-printed exporters (Telegram Desktop indents one space per level) close an element with
  a newline and the element's own indentation. A literal newline cannot occur inside a JSON string,
  so the first ``"\\n" + indent + "}"`` after the opening brace is the element's end; the slice is
  parsed with orjson. If orjson rejects the slice, the slow path decides.
- slow: the standard library's ``raw_decode`` over a growing window, which finds the end of any
  value in any layout, repairs the known exporter defects and reports errors with a byte offset.

Repairs (only tried when a value fails to parse, so valid files pay nothing):

- ``\\xNN`` control-character escapes (tdesktop#27571), rewritten to ``\\u00NN``;
- an unquoted ``"document_id": path`` written by tdesktop 4.1.1 for custom emoji (tdesktop#24961).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

import orjson

CHUNK = 1 << 20

_WS = re.compile(rb"[ \t\r\n]*")
_SEP = re.compile(rb"[ \t\r\n]*(,)?[ \t\r\n]*")
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_DECODER = json.JSONDecoder(strict=False)

# a backslash that is itself not escaped, then x and two hex digits
_X_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9A-Fa-f]{2})")
# "document_id": followed by something that is not a JSON value start, up to the end of the line
_UNQUOTED_ID = re.compile(r'("document_id":[ \t]*)(?![\s"\d\-\[{tfn])([^\r\n]*)')


class JsonSyntaxError(Exception):
    """Invalid JSON at an absolute byte offset."""

    def __init__(self, problem: str, offset: int) -> None:
        super().__init__(problem)
        self.problem = problem
        self.offset = offset


class JsonEncodingError(JsonSyntaxError):
    """Bytes that are not UTF-8."""


def _repair(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Apply the known exporter repairs; return the new text and (position, growth) edits."""
    edits: list[tuple[int, int]] = []
    out: list[str] = []
    last = 0
    shift = 0
    for m in _X_ESCAPE.finditer(text):
        out.append(text[last : m.start()])
        replacement = f"{m.group(1)}\\u00{m.group(2)}"
        out.append(replacement)
        growth = len(replacement) - (m.end() - m.start())
        edits.append((m.start() + shift, growth))
        shift += growth
        last = m.end()
    out.append(text[last:])
    text = "".join(out)

    out = []
    last = 0
    shift2 = 0
    repaired_edits = []
    for m in _UNQUOTED_ID.finditer(text):
        value = m.group(2).rstrip()
        out.append(text[last : m.start(2)])
        quoted = json.dumps(value, ensure_ascii=False)
        out.append(quoted)
        growth = len(quoted) - len(value)
        repaired_edits.append((m.start(2) + shift2, growth))
        shift2 += growth
        last = m.start(2) + len(value)
    out.append(text[last:])
    if repaired_edits:
        # positions of the first pass are in the intermediate text; re-base them into the final text
        rebased = []
        for pos, growth in edits:
            extra = sum(g for p, g in repaired_edits if p < pos)
            rebased.append((pos + extra, growth))
        edits = sorted(rebased + repaired_edits)
    return "".join(out), edits


def _unshift(pos: int, edits: list[tuple[int, int]]) -> int:
    """Map a position in repaired text back to the original text."""
    return pos - sum(growth for p, growth in edits if p < pos)


class JsonStream:
    """A cursor over a JSON byte stream that can walk objects and arrays lazily."""

    def __init__(self, f: IO[bytes], *, on_read: Callable[[int], None] | None = None) -> None:
        self._f = f
        self._on_read = on_read
        self.buf = bytearray()
        self.pos = 0
        self.base = 0  # absolute offset of buf[0]
        self.eof = False
        self._window = 4096

    # -- buffer -------------------------------------------------------------------------------
    @property
    def offset(self) -> int:
        return self.base + self.pos

    def _fill(self) -> bool:
        """Read one more chunk; False at end of file."""
        if self.eof:
            return False
        data = self._f.read(CHUNK)
        if not data:
            self.eof = True
            return False
        if self._on_read is not None:
            self._on_read(len(data))
        if self.base == 0 and not self.buf and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]  # a UTF-8 byte-order mark some editors add
            self.base = 3
        if self.pos:
            # bytearray deletes from the front in amortised constant time
            del self.buf[: self.pos]
            self.base += self.pos
            self.pos = 0
        self.buf += data
        return True

    def skip_ws(self) -> None:
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or not self._fill():
                return

    def peek(self) -> int | None:
        """The next non-whitespace byte, or None at end of file."""
        self.skip_ws()
        return self.buf[self.pos] if self.pos < len(self.buf) else None

    def expect(self, char: bytes) -> None:
        found = self.peek()
        if found != char[0]:
            if found is None:
                raise JsonSyntaxError(f"file ends early: expected {char.decode()!r}", self.offset)
            raise JsonSyntaxError(
                f"expected {char.decode()!r}, found {chr(found)!r}", self.offset
            )
        self.pos += 1

    def at_end(self) -> bool:
        return self.peek() is None

    # -- tokens -------------------------------------------------------------------------------
    def read_key(self) -> str:
        """Read an object key and its colon."""
        if self.peek() != ord('"'):
            self.expect(b'"')
        while True:
            m = _STRING.match(self.buf, self.pos)
            if m is not None:
                break
            if not self._fill():
                raise JsonSyntaxError("file ends early inside a key", self.offset)
        raw = m.group()
        try:
            key = json.loads(raw)
        except (ValueError, UnicodeDecodeError) as e:
            raise JsonSyntaxError(f"invalid key: {e}", self.offset) from None
        self.pos = m.end()
        self.expect(b":")
        return key

    def iter_object(self) -> Iterator[str]:
        """Yield the keys of the object at the cursor; the caller must consume each value."""
        self.expect(b"{")
        first = True
        while True:
            c = self.peek()
            if c == ord("}"):
                self.pos += 1
                return
            if not first:
                self.expect(b",")
            first = False
            yield self.read_key()

    def iter_array(self) -> Iterator[None]:
        """Advance to each element of the array at the cursor; the caller consumes each element."""
        self.expect(b"[")
        first = True
        while True:
            c = self.peek()
            if c == ord("]"):
                self.pos += 1
                return
            if not first:
                self.expect(b",")
                self.skip_ws()
            first = False
            yield None

    # -- values -------------------------------------------------------------------------------
    def iter_elements(self) -> Iterator[tuple[Any, str]]:
        """Parse each element of the array at the cursor; yield it with its raw bytes.

        Pretty-printed objects take the fast path (see the module docstring); anything else, or a
        slice orjson rejects, takes the slow path.
        """
        self.expect(b"[")
        first = True
        close = b""  # the closing line of the previous element, reused while the indent holds
        while True:
            if len(self.buf) - self.pos < 256:
                self._fill()
            m = _SEP.match(self.buf, self.pos)
            while m.end() == len(self.buf) and self._fill():  # type: ignore[union-attr]
                m = _SEP.match(self.buf, self.pos)
            comma = m.group(1)  # type: ignore[union-attr]
            start = m.end()  # type: ignore[union-attr]
            if start >= len(self.buf):
                self.pos = start
                raise JsonSyntaxError("file ends early inside a list (truncated export?)", self.offset)
            buf = self.buf
            c = buf[start]
            if c == 0x5D and not comma:  # "]"
                self.pos = start + 1
                return
            if first == bool(comma):
                self.pos = start
                raise JsonSyntaxError(
                    "expected ']'" if first else "expected ',' between list items", self.offset
                )
            first = False
            self.pos = start
            if c == 0x7B:  # "{"
                n = len(close) - 2
                if not close or buf[start - n - 1 : start] != close[:-1]:
                    line_start = buf.rfind(b"\n", 0, start)
                    indent = buf[line_start + 1 : start]
                    close = (
                        b"\n" + bytes(indent) + b"}"
                        if line_start != -1 and indent.count(b" ") == len(indent)
                        else b""
                    )
                if close:
                    value = self._fast_object(close)
                    if value is not None:
                        yield value
                        continue
            yield self.read_value_slow()

    def _fast_object(self, close: bytes) -> tuple[Any, str] | None:
        """The object at the cursor, ending at the first ``close``; None to use the slow path."""
        searched = 0  # bytes after the cursor already searched
        while True:
            end = self.buf.find(close, self.pos + searched)
            if end != -1:
                break
            searched = max(0, len(self.buf) - self.pos - len(close))
            if not self._fill():
                return None
        end += len(close)
        try:
            piece = self.buf[self.pos : end].decode("utf-8")
            value = orjson.loads(piece)
        except (UnicodeDecodeError, orjson.JSONDecodeError):
            return None
        self.pos = end
        return value, piece

    def read_value_slow(self) -> tuple[Any, str]:
        """Parse any value at the cursor with raw_decode over a growing window."""
        self.skip_ws()
        window = self._window
        while True:
            end = min(len(self.buf), self.pos + window)
            chunk = self.buf[self.pos : end]
            complete = end == len(self.buf) and self.eof
            text, bad = self._decode(chunk, final=complete)
            # text before a byte that is not UTF-8 may still hold the whole value
            outcome = self._try_decode(text, complete and bad is None)
            if outcome is not None:
                value, char_end = outcome
                raw = text[:char_end]
                nbytes = len(raw.encode("utf-8"))
                self.pos += nbytes
                self._window = max(4096, 4 * nbytes)
                return value, raw
            if bad is not None:
                raise JsonEncodingError(
                    "not valid UTF-8 (exports are UTF-8; was the file re-saved in another encoding?)",
                    self.offset + bad,
                )
            # incomplete: widen the window, reading more when the buffer is exhausted
            if end == len(self.buf) and not self._fill():
                # nothing more to read: _try_decode on the complete text raises
                continue
            window *= 4

    def _decode(self, chunk: bytes | bytearray, *, final: bool) -> tuple[str, int | None]:
        """Decode as much of ``chunk`` as is UTF-8; also return where invalid bytes start."""
        try:
            return chunk.decode("utf-8"), None
        except UnicodeDecodeError as e:
            text = chunk[: e.start].decode("utf-8")
            if not final and e.start >= len(chunk) - 3 and e.reason == "unexpected end of data":
                return text, None  # a character cut in two by the window
            return text, e.start

    def _try_decode(self, text: str, complete: bool) -> tuple[Any, int] | None:
        """raw_decode text; None when more input is needed; raise on a real error."""
        try:
            value, end = _DECODER.raw_decode(text)
        except json.JSONDecodeError as e:
            first = e
        else:
            # a value that ends exactly where the buffered text ends may continue (a number cut
            # in two by a read): read more before trusting it
            return None if end == len(text) and not complete else (value, end)
        repaired, edits = _repair(text)
        if edits:
            try:
                value, end = _DECODER.raw_decode(repaired)
            except json.JSONDecodeError as e:
                first = json.JSONDecodeError(e.msg, text, _unshift(e.pos, edits))
            else:
                if end == len(repaired) and not complete:
                    return None
                return value, _unshift(end, edits)
        incomplete = first.pos >= len(text) - 1 or first.msg.startswith("Unterminated string")
        if incomplete and not complete:
            return None
        where = self.offset + len(text[: first.pos].encode("utf-8"))
        if incomplete:
            raise JsonSyntaxError("file ends early (truncated export?)", where)
        raise JsonSyntaxError(f"invalid JSON: {first.msg}", where)

    def read_value(self) -> Any:
        return self.read_value_slow()[0]
