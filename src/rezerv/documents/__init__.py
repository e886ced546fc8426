"""Official documents: the forms of the regulations as editable DOCX and final PDF.

``registry`` lists the forms, ``km`` (and one module per procedure) fills them from recorded
data, ``rendering`` renders a form with the bundled template or an organisation's own
(``models.DocumentTemplate``), ``services`` downloads and uploads with audit, ``access`` says who
may download what.  See ``docs/documents.md``.
"""
