"""PDF reports of the plan and the Secretariado, drawn by WeasyPrint.

- `documents`: what each report shows, read through `commitments.reader` for one day.
- `render`: HTML → tagged PDF (PDF/UA), fetching nothing but the project's static files.
- `store`: each PDF kept on disk under its day and the content version, so a report is
  rebuilt only when what it shows changed; large ones are built by a worker (`tasks`).
- `views`: /reportes/ and the stable URL of every report.
"""
