"""Exchange formats: what comes in from the administrations' spreadsheets and what
goes out to Excel, Outlook and another registry.

One module per format (CSV, xlsx, ICS), each reading
into or writing from the same plain rows, whose columns `columns.py` names.
Heavy libraries (openpyxl, icalendar) are imported inside the functions that use
them, so that no other command pays for them. Bytes in, rows out and back: may
import output/, i18n/, domain/, errors and files; never the database (store/).
"""
