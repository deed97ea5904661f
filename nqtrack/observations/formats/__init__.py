"""Readers and writers of figure files, one module per format (sdg-build's input/output classes):

- ``tabular``: the layout of the Excel/CSV template (Vietnamese headers) shared by ``xlsx`` and ``csvfile``;
- ``dhis2_json`` and ``dhis2_csv``: DHIS2 ``dataValueSets`` as the DHIS2 Web API documents them;
- ``limits`` and ``sniff``: size limits, zip-bomb checks and telling a file's format from its content.

Readers take bytes and return rows with every bad cell as an error (row and column); they never touch the
database. Writers take rows and return bytes.
"""
