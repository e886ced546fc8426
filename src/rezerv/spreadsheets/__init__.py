"""Spreadsheets: XLSX export of ratings, reserve lists and ballots; XLSX/CSV import.

* ``export`` — workbooks stamped with the export date, time and user;
* ``columns`` — the documented column layout of each import kind and the parsing of cells;
* ``reader`` — rows of an XLSX (openpyxl, read-only) or CSV file;
* ``importer`` — dry run, error report by row, column and reason, all-or-nothing import;
* ``views`` / ``urls`` — the HR officer's downloads and upload page.
"""
