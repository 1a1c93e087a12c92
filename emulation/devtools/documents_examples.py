"""Regenerate docs/examples: the demo cluster's 2018 pledge, 2017 minutes and 2017 submission (PDF and PNG).

``make docs-examples`` runs ``python -m blocs.documents_examples docs/examples``: a throw-away SQLite
database gets the migrations and the demo data, then each document is rendered by the same code as
the web views, with page 1 as a PNG (pdftoppm) beside it.
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from awards.documents import minutes_doc, pledge_doc, submission_doc


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    target = Path(argv[0] if argv else "docs/examples").resolve()
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'examples.sqlite3'}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "emulation.settings")
        os.environ.setdefault("DEBUG", "true")
        os.environ["MEDIA_ROOT"] = str(Path(folder) / "media")
        import django  # the app's modules are imported only after the throw-away database is set up

        django.setup()
        from django.core.management import call_command
        from django.template.loader import render_to_string

        from awards.documents import compose as documents
        from awards.documents.docx import build_docx
        from blocs.models import Bloc
        from emulation.devtools.demo.core import SEVEN, load_demo
        from emulation.lib.pdf import render_pdf

        call_command("migrate", verbosity=0, interactive=False)
        load_demo()
        bloc = Bloc.objects.get(name=SEVEN)
        y2017 = documents.load_bloc_year(bloc.pk, 2017)
        y2018 = documents.load_bloc_year(bloc.pk, 2018)
        docs = {
            "giao-uoc-2018": pledge_doc.compose_pledge(y2018),
            "bien-ban-2017": minutes_doc.compose_minutes(y2017, minutes_doc.minutes_meeting(y2017)),
            "to-trinh-2017": submission_doc.compose_submission(y2017),
        }
        for name, doc in docs.items():
            pdf = render_pdf(render_to_string("pdf/document.html", {"doc": doc}))
            (target / f"{name}.pdf").write_bytes(pdf)
            (target / f"{name}.docx").write_bytes(build_docx(doc))
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
                            str(target / f"{name}.pdf"), str(target / name)], check=True)
            print(f"{target / name}.pdf ({len(pdf) // 1024} KB), .docx, .png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
