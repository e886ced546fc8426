"""Uploads that carry more than a document are refused with the reason (issue 13, «Files, imports
and exports»): PDFs with JavaScript or launch actions, office files with macros or embedded
programs, polyglots, zip bombs; the optional clamd hook. Every file here is crafted."""

from __future__ import annotations

import io
import os
import socket
import struct
import tempfile
import threading
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from rezerv.selection import file_safety, uploads
from rezerv.selection.services import ServiceError
from tests.works.makedocs import make_docx

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 200


def _pdf(*, js: bool = False, launch: bool = False, embed: bool = False) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    if js:  # the document-level script of the name tree, as Acrobat writes it
        action = writer._add_object(
            DictionaryObject(
                {
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject("app.alert('x');"),
                }
            )
        )
        scripts = DictionaryObject(
            {NameObject("/Names"): ArrayObject([TextStringObject("x"), action])}
        )
        writer._root_object[NameObject("/Names")] = DictionaryObject(
            {NameObject("/JavaScript"): scripts}
        )
    if launch:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/Launch"),
                NameObject("/F"): TextStringObject("cmd.exe"),
            }
        )
    if embed:
        writer.add_attachment("setup.exe", b"MZ" + b"\x00" * 100)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip_with(base: bytes, extra: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item))
        for name, data in extra.items():
            dst.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _refused(data: bytes, name: str) -> str:
    with pytest.raises(ServiceError) as caught:
        uploads.check_upload(SimpleUploadedFile(name, data), field="file")
    assert caught.value.field == "file"
    return caught.value.message


@pytest.fixture(scope="module")
def docx() -> bytes:
    return make_docx(pages=1, words_per_page=20)


def test_a_clean_pdf_and_docx_pass(docx: bytes) -> None:
    assert (
        uploads.check_upload(SimpleUploadedFile("a.pdf", _pdf()), field="f")[1] == "application/pdf"
    )
    assert uploads.check_upload(SimpleUploadedFile("a.docx", docx), field="f")[1].endswith(
        "document"
    )


def test_a_pdf_with_javascript_is_refused_with_the_reason() -> None:
    assert "содержит JavaScript" in _refused(_pdf(js=True), "cv.pdf")


def test_a_pdf_that_launches_a_program_on_opening_is_refused() -> None:
    message = _refused(_pdf(launch=True), "cv.pdf")
    assert "запускает программу" in message and "при открытии" in message


def test_a_pdf_with_an_embedded_file_is_refused() -> None:
    assert "вложены файлы" in _refused(_pdf(embed=True), "cv.pdf")


def test_an_unparseable_pdf_is_searched_byte_by_byte() -> None:
    raw = b"%PDF-1.4\n1 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\n%%EOF\n"
    assert "JavaScript" in _refused(raw, "x.pdf")


def test_a_docx_with_macros_is_refused(docx: bytes) -> None:
    data = _zip_with(docx, {"word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 600})
    assert "содержит макросы" in _refused(data, "x.docx")


def test_a_docx_with_an_embedded_program_is_refused(docx: bytes) -> None:
    exe = b"MZ\x90\x00" + b"\x00" * 600
    assert "встроена программа" in _refused(
        _zip_with(docx, {"word/embeddings/a.exe": exe}), "x.docx"
    )
    # the same program under an innocent name
    hidden = _zip_with(docx, {"word/media/image9.png": exe})
    assert "встроена программа" in _refused(hidden, "x.docx")
    ole = _zip_with(docx, {"word/embeddings/oleObject1.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 99})
    assert "объекты OLE" in _refused(ole, "x.docx")


def test_a_zip_bomb_docx_is_refused(docx: bytes) -> None:
    bomb = _zip_with(docx, {"word/media/zeros.bin": b"\0" * (30 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert "zip-бомбу" in _refused(bomb, "x.docx")


def test_polyglots_are_refused(docx: bytes) -> None:
    # an image that is also a PDF (PDF readers look for the header in the first 1,024 bytes)
    assert "одновременно является документом PDF" in _refused(PNG + b"%PDF-1.4\n", "p.png")
    # an image with a ZIP archive appended
    assert "приписан архив ZIP" in _refused(PNG + docx, "p.png")
    # a PDF with an archive after its end
    message = _refused(_pdf() + docx, "x.pdf")
    assert "приписан архив ZIP" in message and "после конца документа PDF" in message


def test_a_docx_named_pdf_is_still_read_by_content(docx: bytes) -> None:
    """KM-22: the type is the content's; a wrong name alone is no polyglot."""
    assert (
        file_safety.problems(
            docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        )
        == []
    )


class _FakeClamd(threading.Thread):
    """A clamd on a Unix socket that finds EICAR in any stream containing «EICAR»."""

    def __init__(self, path: str) -> None:
        super().__init__(daemon=True)
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(4)

    def run(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn:
                data = b""
                while b"\0" not in data:
                    data += conn.recv(64)
                rest = data.split(b"\0", 1)[1]
                body = b""
                while True:
                    while len(rest) < 4:
                        rest += conn.recv(65536)
                    (size,) = struct.unpack("!L", rest[:4])
                    rest = rest[4:]
                    if size == 0:
                        break
                    while len(rest) < size:
                        rest += conn.recv(65536)
                    body, rest = body + rest[:size], rest[size:]
                found = b"EICAR" in body
                conn.sendall(b"stream: Eicar-Test-Signature FOUND\0" if found else b"stream: OK\0")


def test_the_clamd_hook_refuses_what_the_antivirus_finds(settings: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "clamd.sock")
        server = _FakeClamd(path)
        server.start()
        settings.REZERV_CLAMD_SOCKET = path
        assert uploads.check_upload(SimpleUploadedFile("a.pdf", _pdf()), field="f")
        infected = _pdf().replace(b"%%EOF", b"%EICAR\n%%EOF")
        assert "Eicar-Test-Signature" in _refused(infected, "a.pdf")
        server.server.close()
        settings.REZERV_CLAMD_SOCKET = os.path.join(folder, "absent.sock")
        assert "антивирусная проверка недоступна" in _refused(_pdf(), "a.pdf")
