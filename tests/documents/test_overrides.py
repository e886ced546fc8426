"""An organisation replaces a form's template without code: uploaded by an administrator."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document

from rezerv.documents import build_templates
from rezerv.documents.models import DocumentTemplate
from rezerv.selection.models import AuditEvent
from tests.web import factories as f

pytestmark = pytest.mark.django_db

OWN_HTML = """{% extends "documents/base.html" %}{% block content %}
<h1>БЛАНК ОРГАНА</h1><p>Адресат: {{ addressee.dative }}</p>
{% for reason in reasons %}<p>Причина: {{ reason }}</p>{% endfor %}
{% endblock %}"""


def own_docx(text: str) -> bytes:
    doc = Document()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def admin() -> Client:
    c = Client()
    c.force_login(f.admin_user("admin_templates"))
    return c


def upload(c: Client, *, code: str, fmt: str, body: Any, data: bytes, name: str) -> Any:
    return c.post(
        reverse("documents_templates"),
        {
            "form_code": code,
            "fmt": fmt,
            "body": body.pk if body is not None else "",
            "file": SimpleUploadedFile(name, data),
            "note": "бланк 2026 года",
        },
    )


def refusal(c: Client, app: Any, fmt: str) -> Any:
    return c.get(reverse("documents_application_file", args=[app.uid, "km_refusal", fmt]))


def test_uploaded_templates_replace_the_bundled_ones_for_that_body_only(
    worlds: dict[str, Any], docx: Any, pdf: Any
) -> None:
    vacancy, reserve = worlds["vacancy"], worlds["reserve"]
    assert vacancy["body"].pk != reserve["body"].pk
    c = admin()
    response = upload(
        c,
        code="km_refusal",
        fmt="docx",
        body=vacancy["body"],
        data=own_docx("СОБСТВЕННЫЙ БЛАНК: {{ addressee.dative }}; {{ reasons|length }} основания"),
        name="бланк.docx",
    )
    assert response.status_code == 302, response.content.decode()
    response = upload(
        c,
        code="km_refusal",
        fmt="html",
        body=vacancy["body"],
        data=OWN_HTML.encode(),
        name="b.html",
    )
    assert response.status_code == 302
    hr = Client()
    hr.force_login(vacancy["hr"])
    kim = vacancy["apps"]["kim"]
    word = docx(refusal(hr, kim, "docx").content)
    assert word.paragraphs == ["СОБСТВЕННЫЙ БЛАНК: Ким Александре; 2 основания"]
    printed = pdf(refusal(hr, kim, "pdf").content).flat
    assert "БЛАНК ОРГАНА" in printed and "Адресат: Ким Александре" in printed
    assert "Причина: Не представлена копия трудовой книжки." in printed
    assert "Страница 1 из 1" in printed  # base.html's page numbers come along
    # another body keeps the bundled form
    other = Client()
    other.force_login(reserve["hr"])
    word = docx(refusal(other, reserve["apps"]["kim"], "docx").content)
    assert "Уведомление об отказе в допуске к участию в конкурсе" in word.paragraphs
    assert AuditEvent.objects.filter(action="document_template.upload").count() == 2
    # deleting the uploaded template brings the bundled one back
    for template in DocumentTemplate.objects.filter(form_code="km_refusal"):
        assert c.post(reverse("documents_template_delete", args=[template.pk])).status_code == 302
    word = docx(refusal(hr, kim, "docx").content)
    assert "Уведомление об отказе в допуске к участию в конкурсе" in word.paragraphs


def test_a_template_for_every_body_applies_where_a_body_has_none(
    world: dict[str, Any], docx: Any
) -> None:
    c = admin()
    data = own_docx("ОБЩИЙ БЛАНК {{ body.name }}")
    assert (
        upload(c, code="km_refusal", fmt="docx", body=None, data=data, name="x.docx").status_code
        == 302
    )
    hr = Client()
    hr.force_login(world["hr"])
    word = docx(refusal(hr, world["apps"]["kim"], "docx").content)
    assert word.paragraphs == [f"ОБЩИЙ БЛАНК {world['body'].name}"]


@pytest.mark.parametrize(
    ("fmt", "data", "field", "message"),
    [
        ("docx", f.PDF, "file", "не является документом Word"),
        ("docx", own_docx("{{ addressee.dative "), "file", "Ошибка в полях шаблона"),
        ("html", b"{% for x in %}", "file", "Ошибка в шаблоне HTML"),
        ("html", "привет".encode("cp1251"), "file", "UTF-8"),
    ],
    ids=["not-docx", "docx-syntax", "html-syntax", "html-encoding"],
)
def test_a_bad_template_is_refused_naming_the_field_and_nothing_is_stored(
    world: dict[str, Any], fmt: str, data: bytes, field: str, message: str
) -> None:
    response = upload(admin(), code="km_refusal", fmt=fmt, body=world["body"], data=data, name="t")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert not DocumentTemplate.objects.exists()


def test_an_uploaded_docx_template_reads_the_context_and_nothing_else(
    world: dict[str, Any],
) -> None:
    c = admin()
    data = own_docx("{{ addressee.__class__.__mro__ }}")
    assert (
        upload(
            c, code="km_refusal", fmt="docx", body=world["body"], data=data, name="x"
        ).status_code
        == 302
    )
    hr = Client()
    hr.force_login(world["hr"])
    # the sandbox refuses the attribute: no document, no leak
    assert refusal(hr, world["apps"]["kim"], "docx").status_code == 404


def test_only_administrators_manage_templates(world: dict[str, Any]) -> None:
    hr = Client()
    hr.force_login(world["hr"])
    assert hr.get(reverse("documents_templates")).status_code == 403
    data = own_docx("x")
    assert (
        upload(
            hr, code="km_refusal", fmt="docx", body=world["body"], data=data, name="x"
        ).status_code
        == 403
    )
    assert Client().get(reverse("documents_templates")).status_code == 302
    c = admin()
    page = c.get(reverse("documents_templates"))
    assert page.status_code == 200 and "km_decision" in page.content.decode()
    bundled = c.get(reverse("documents_bundled_template", args=["km_decision", "docx"]))
    assert bundled.status_code == 200 and b"".join(bundled.streaming_content)[:2] == b"PK"
    html = c.get(reverse("documents_bundled_template", args=["km_decision", "html"]))
    assert b"documents/base.html" in html.content


def test_the_bundled_docx_templates_are_what_build_templates_makes(tmp_path: Any) -> None:
    """The committed files match the script (run it after changing a layout)."""
    import zipfile

    built = build_templates.build(out=tmp_path)
    assert {p.name for p in built} == {p.name for p in build_templates.OUT.glob("*.docx")}
    for path in built:
        with (
            zipfile.ZipFile(path) as fresh,
            zipfile.ZipFile(build_templates.OUT / path.name) as committed,
        ):
            for part in ("word/document.xml", "word/footer1.xml", "word/styles.xml"):
                names = fresh.namelist()
                if part in names:
                    assert fresh.read(part) == committed.read(part), f"{path.name}: {part}"
