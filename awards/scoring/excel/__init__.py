"""Excel in and out for the scoring area (openpyxl), one module per thing users do with a file.

* ``template``: download the score grid as a workbook to fill in (grid or list layout);
* ``upload``: check an uploaded grid or list against the bloc-year, preview, then write;
* ``exports``: the ranking and the score breakdown as .xlsx or .csv;
* ``criteria_sheet``: the criteria table as a sheet, and reading one back for an import;
* ``common``: what they share (header style, the bloc-year marker, workbook bytes).
"""
