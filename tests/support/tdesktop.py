"""Write JSON the way Telegram Desktop's exporter writes it, for fixtures, samples and benchmarks.

The exporter (export_output_json.cpp) indents one space per nesting level, puts ``": "`` after keys,
writes non-ASCII characters as raw UTF-8, and escapes control characters below 0x20 other than
newline, return and tab as ``\\xNN`` (tdesktop#27571), which is not valid JSON; ``x_escapes=False``
writes the valid ``\\u00NN`` instead.
"""

from __future__ import annotations

from typing import IO, Any


def string(value: str, *, x_escapes: bool = True) -> str:
    out = ['"']
    for ch in value:
        o = ord(ch)
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif o < 32:
            out.append(f"\\x{o:02X}" if x_escapes else f"\\u{o:04x}")
        elif o in (0x2028, 0x2029):
            out.append(f"\\u{o:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def dumps(value: Any, nesting: int = 0, *, x_escapes: bool = True) -> str:
    if isinstance(value, dict):
        if not value:
            return "{\n" + " " * nesting + "}"
        parts = [
            "\n" + " " * (nesting + 1) + string(k) + ": " + dumps(v, nesting + 1, x_escapes=x_escapes)
            for k, v in value.items()
        ]
        return "{" + ",".join(parts) + "\n" + " " * nesting + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        parts = ["\n" + " " * (nesting + 1) + dumps(v, nesting + 1, x_escapes=x_escapes) for v in value]
        return "[" + ",".join(parts) + "\n" + " " * nesting + "]"
    if isinstance(value, str):
        return string(value, x_escapes=x_escapes)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, Raw):
        return value.text
    return str(value)


class Raw:
    """A value written verbatim (to reproduce exporter bugs such as an unquoted document_id)."""

    def __init__(self, text: str) -> None:
        self.text = text


def write_chat(
    f: IO[str], name: str | None, kind: str, chat_id: int, messages: Any, *, x_escapes: bool = True
) -> None:
    """Stream a single-chat export: ``messages`` may be any iterable of message dicts."""
    f.write("{\n")
    if kind not in ("saved_messages", "replies"):
        f.write(' "name": ' + dumps(name) + ",\n")
    f.write(' "type": ' + dumps(kind) + ",\n")
    f.write(f' "id": {chat_id},\n')
    f.write(' "messages": [')
    first = True
    for m in messages:
        f.write(("\n  " if first else ",\n  ") + dumps(m, 2, x_escapes=x_escapes))
        first = False
    f.write("\n ]\n}" if not first else "]\n}")
