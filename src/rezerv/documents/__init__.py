"""Official documents: the forms of the regulations as editable DOCX and final PDF.

``registry`` lists the forms, ``km`` (and one module per procedure) fills them from recorded
data, ``rendering`` renders a form with the bundled template or an organisation's own
(``models.DocumentTemplate``), ``services`` downloads and uploads with audit; who may
download what is ``documents.download`` of ``rezerv.selection.policy``.  See ``docs/documents.md``.
"""
