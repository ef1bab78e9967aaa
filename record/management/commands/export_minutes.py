"""Export a committee's minutes from the command line:

manage.py export_minutes unodc                         # DOCX of every sitting, in the current folder
manage.py export_minutes unodc --sitting 1 --format html --out minutes.html
manage.py export_minutes unodc --format csv            # speeches, motions and votes: three files
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from committee.models import Committee
from record.charts import pictures
from record.exports import CSV_TABLES, csv_table, minutes_docx
from record.minutes import read_minutes


class Command(BaseCommand):
    help = "Export a committee's minutes (DOCX, printable HTML, or CSV tables of speeches, motions and votes)."

    def add_arguments(self, parser):
        parser.add_argument("committee", help="the committee's slug, as in its links (e.g. unodc)")
        parser.add_argument("--sitting", type=int, help="one sitting's number (default: every sitting)")
        parser.add_argument("--format", choices=["docx", "html", "csv"], default="docx")
        parser.add_argument("--out", help="the file to write (for csv, the prefix of the three files)")

    def handle(self, *args, committee: str, sitting: int | None, format: str, out: str | None, **options):
        found = Committee.objects.filter(slug=committee).first()
        if found is None:
            known = ", ".join(Committee.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No committee {committee!r} (committees: {known}).")
        if not found.sittings.exists():
            raise CommandError(f"{found.abbreviation} has not met yet: there are no minutes to export.")
        if sitting is not None and not found.sittings.filter(number=sitting).exists():
            raise CommandError(f"{found.abbreviation} has no sitting {sitting}.")
        minutes = read_minutes(found, sitting)
        scope = f"session-{sitting}" if sitting else "all-sittings"
        base = out or f"{found.slug}-minutes-{scope}"
        if format == "csv":
            for table in CSV_TABLES:
                path = Path(f"{base.removesuffix('.csv')}-{table}.csv")
                path.write_text(csv_table(minutes, table), encoding="utf-8")
                self.stdout.write(f"wrote {path}")
            return
        path = Path(base if out else f"{base}.{format}")
        if format == "docx":
            path.write_bytes(minutes_docx(minutes))
        else:
            context = {"committee": found, "minutes": minutes, "sitting": sitting or "", **pictures(minutes)}
            path.write_text(render_to_string("record/minutes.html", context), encoding="utf-8")
        self.stdout.write(f"wrote {path}")
