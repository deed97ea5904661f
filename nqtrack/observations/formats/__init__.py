"""Readers and writers of figure files, one module per format (sdg-build's input/output classes):

- ``tabular``: the layout of the Excel/CSV template (Vietnamese headers) shared by ``xlsx`` and ``csvfile``;
- ``dhis2_json``, ``dhis2_csv`` and ``dhis2_xml`` (DXF2 and ADX): DHIS2 ``dataValueSets`` as the DHIS2 Web
  API documents them, sharing ``dhis2_values``;
- ``limits`` and ``sniff``: size limits, zip-bomb checks and telling a file's format from its content.

Readers take bytes and return rows with every bad cell as an error (row and column); they never touch the
database. Writers take rows and return bytes.
"""
