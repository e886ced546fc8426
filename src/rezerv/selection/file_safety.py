"""What an uploaded file carries besides its document (issue 13, «Files, imports and exports»).

:func:`problems` looks inside a file whose type is already told by its content
(``rezerv.selection.uploads``) and returns the reasons to refuse it, in the user's language:

* a PDF with JavaScript, an action run on opening or by a form (launch a program, submit or
  import data), embedded files, or XFA forms (pypdf walks the objects a viewer would reach; a
  file pypdf cannot parse is searched byte by byte for the same names);
* an office file (DOCX, ODT, or an XLSX being imported) with macros (``vbaProject.bin``, a
  macro-enabled content type, ODF ``Basic/`` or ``Scripts/``), ActiveX controls, OLE objects or
  an embedded program (``.exe``… or a member that begins as one), or a ZIP that unpacks to more
  than ``REZERV_MAX_UNPACKED_BYTES`` or at a ratio only a «zip bomb» has;
* a polyglot: a file that is also another type — the PDF header within the first 1,024 bytes of
  a file that is not a PDF (PDF readers accept it there), a ZIP directory at the end of a file
  that is not a ZIP, data after the end of a PDF.

Name and content may disagree (a DOCX named ``.pdf`` is read as the DOCX it is, KM-22): the
type is the content's; what is refused is content that is two things at once.

:func:`scan_with_clamd` asks a ClamAV daemon (``REZERV_CLAMD_SOCKET``: a Unix socket path or
``host:port``), when one is configured.
"""

from __future__ import annotations

import io
import re
import socket
import struct
import zipfile
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

PDF = "application/pdf"
ZIP_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/zip",
}
EXECUTABLE_SUFFIXES = (
    ".exe", ".dll", ".com", ".scr", ".bat", ".cmd", ".msi", ".ps1", ".vbs", ".vbe", ".js",
    ".jse", ".wsf", ".hta", ".jar", ".sh", ".cpl", ".lnk",
)  # fmt: skip
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
MAX_ZIP_MEMBERS = 10_000
MAX_RATIO = 200  # a member unpacking to more than 200× its packed size (and over 1 MB)
PDF_NODES = 200_000  # objects walked in a PDF at most


def max_unpacked() -> int:
    return int(getattr(settings, "REZERV_MAX_UNPACKED_BYTES", 100 * 1024 * 1024))


def problems(data: bytes, mime: str) -> list[str]:
    """The reasons to refuse ``data`` of the content type ``mime`` (empty: nothing found)."""
    found = _polyglot(data, mime)
    if mime == PDF:
        found += pdf_problems(data)
    elif mime in ZIP_TYPES:
        found += zip_problems(data)
    return found


# ----------------------------------------------------------------------------- polyglots


def _polyglot(data: bytes, mime: str) -> list[str]:
    found = []
    if mime != PDF and b"%PDF-" in data[:1024]:
        found.append(gettext("файл одновременно является документом PDF (поддельный формат)"))
    if mime not in ZIP_TYPES and b"PK\x05\x06" in data[-(65536 + 22) :]:
        found.append(gettext("к файлу приписан архив ZIP (поддельный формат)"))
    if mime == PDF:
        end = data.rfind(b"%%EOF")
        if end >= 0 and len(data[end + 5 :].strip(b"\r\n\t \x00")) > 1024:
            found.append(gettext("после конца документа PDF записаны другие данные"))
    return found


# ----------------------------------------------------------------------------- PDF

BAD_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute"}
BAD_KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/AA": "auto",
    "/EmbeddedFiles": "embedded",
    "/EmbeddedFile": "embedded",
    "/XFA": "xfa",
    "/RichMedia": "embedded",
}
RAW_NAMES = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|XFA|SubmitForm|ImportData|AA)\b")


def _pdf_reason(kind: str) -> str:
    return {
        "javascript": gettext("документ PDF содержит JavaScript"),
        "launch": gettext("документ PDF запускает программу или отправляет данные"),
        "auto": gettext("документ PDF выполняет действия сам при открытии или просмотре"),
        "embedded": gettext("в документ PDF вложены файлы"),
        "xfa": gettext("документ PDF содержит формы XFA со сценариями"),
    }[kind]


def pdf_problems(data: bytes) -> list[str]:
    kinds = _pdf_walk(data)
    if kinds is None:  # pypdf could not parse it: the names, byte by byte
        kinds = set()
        for match in RAW_NAMES.finditer(data):
            name = "/" + match.group(1).decode("ascii")
            if name in ("/Launch", "/SubmitForm", "/ImportData"):
                kinds.add("launch")
            else:
                kinds.add(BAD_KEYS[name])
    order = ["javascript", "launch", "auto", "embedded", "xfa"]
    return [_pdf_reason(k) for k in order if k in kinds]


def _pdf_walk(data: bytes) -> set[str] | None:
    """The kinds of active content reachable from the trailer; None when pypdf fails."""
    try:
        from pypdf import PdfReader
        from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

        reader = PdfReader(io.BytesIO(data), strict=False)
        kinds: set[str] = set()
        seen: set[tuple[int, int]] = set()
        stack: list[Any] = [reader.trailer]
        walked = 0
        while stack and walked < PDF_NODES:
            node = stack.pop()
            walked += 1
            if isinstance(node, IndirectObject):
                ref = (node.idnum, node.generation)
                if ref in seen:
                    continue
                seen.add(ref)
                node = node.get_object()
            if isinstance(node, DictionaryObject):
                for key, value in node.items():
                    if key in BAD_KEYS:
                        kinds.add(BAD_KEYS[key])
                    if key == "/S" and str(value) in BAD_ACTIONS:
                        kinds.add("javascript" if str(value) == "/JavaScript" else "launch")
                    if key == "/OpenAction":
                        action = value.get_object()
                        if isinstance(action, DictionaryObject) and str(
                            action.get("/S", "/GoTo")
                        ) not in ("/GoTo",):
                            kinds.add("auto")
                    stack.append(value)
            elif isinstance(node, ArrayObject):
                stack.extend(node)
        return kinds
    except Exception:  # any parse failure: the byte search decides
        return None


# ----------------------------------------------------------------------------- ZIP (office)


def zip_bomb(members: list[zipfile.ZipInfo], total_limit: int) -> bool:
    """True when the members (as the ZIP directory states them) unpack to more than
    ``total_limit`` bytes, or one of over 1 MB to more than :data:`MAX_RATIO` times its packed
    size: a «zip bomb». The directory's sizes are what zipfile enforces while reading (a member
    longer than its stated size fails), so they bound the memory the reading takes."""
    if len(members) > MAX_ZIP_MEMBERS:
        return True
    if sum(m.file_size for m in members) > total_limit:
        return True
    return any(
        m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1)
        for m in members
    )


def zip_problems(data: bytes) -> list[str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return [gettext("архив файла повреждён")]
    found: list[str] = []
    if len(members) > MAX_ZIP_MEMBERS:
        return [gettext("в архиве файла слишком много частей")]
    if zip_bomb(members, max_unpacked()):
        total = sum(m.file_size for m in members)
        return [
            gettext("файл распаковывается в %(size).0f МБ: похоже на «zip-бомбу»")
            % {"size": total / 1048576}
        ]
    names = [m.filename.replace("\\", "/").lower() for m in members]
    if any(n.endswith("vbaproject.bin") or n.startswith(("basic/", "scripts/")) for n in names):
        found.append(gettext("файл содержит макросы"))
    elif "[content_types].xml" in names:
        with archive.open(members[names.index("[content_types].xml")]) as handle:
            if b"macroenabled" in handle.read(1024 * 1024).lower():
                found.append(gettext("файл содержит макросы"))
    if any("/activex/" in n or n.startswith("activex/") for n in names):
        found.append(gettext("файл содержит элементы ActiveX"))
    executable = [n for n in names if n.endswith(EXECUTABLE_SUFFIXES)]
    ole = [n for n in names if "/embeddings/" in n and n.rsplit("/", 1)[-1].startswith("oleobject")]
    if not executable:
        for member in members:
            if member.is_dir() or member.file_size < 2:
                continue
            with archive.open(member) as handle:
                if handle.read(4).startswith(EXECUTABLE_MAGIC):
                    executable.append(member.filename)
                    break
    if executable:
        found.append(gettext("в файл встроена программа"))
    if ole:
        found.append(gettext("в файл встроены объекты OLE (в них может быть программа)"))
    return found


# ----------------------------------------------------------------------------- clamd


def scan_with_clamd(data: bytes) -> str | None:
    """The virus ClamAV names in ``data``, or None (clean, or no ``REZERV_CLAMD_SOCKET``).

    Talks clamd's INSTREAM protocol; a daemon that cannot be reached raises OSError (the
    upload is then refused rather than stored unscanned).
    """
    where = str(getattr(settings, "REZERV_CLAMD_SOCKET", "") or "")
    if not where:
        return None
    if where.startswith("/"):
        conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        address: Any = where
    else:
        host, _, port = where.rpartition(":")
        conn = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        address = (host, int(port))
    with conn:
        conn.settimeout(30)
        conn.connect(address)
        conn.sendall(b"zINSTREAM\0")
        for start in range(0, len(data), 65536):
            chunk = data[start : start + 65536]
            conn.sendall(struct.pack("!L", len(chunk)) + chunk)
        conn.sendall(struct.pack("!L", 0))
        reply = b""
        while not reply.endswith(b"\0"):
            part = conn.recv(4096)
            if not part:
                break
            reply += part
    text = reply.rstrip(b"\0").decode("utf-8", "replace")
    if text.endswith("FOUND"):
        return text.split(":", 1)[-1].removesuffix("FOUND").strip()
    if not text.endswith("OK"):
        raise OSError(f"clamd: {text}")
    return None
