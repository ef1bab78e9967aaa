"""Export minutes from the command line, one committee's or every committee's at once:

manage.py export_minutes unodc                         # DOCX of every sitting, in the current folder
manage.py export_minutes unodc --sitting 1 --format html --out minutes.html
manage.py export_minutes unodc --format csv            # speeches, motions and votes: three files
manage.py export_minutes --all                         # every committee that has met: one zip of
                                                       # each one's DOCX, printable HTML and CSV tables
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from committee.models import Committee
from record import worker
from record.exports import CSV_TABLES


class Command(BaseCommand):
    help = "Export the minutes (DOCX, printable HTML, CSV tables) of one committee, or of every committee as a zip."

    def add_arguments(self, parser):
        parser.add_argument("committee", nargs="?", help="the committee's slug, as in its links (e.g. unodc)")
        parser.add_argument("--all", action="store_true", help="every committee that has met, in one zip")
        parser.add_argument("--sitting", type=int, help="one sitting's number (default: every sitting)")
        parser.add_argument("--format", choices=["docx", "html", "csv"], default="docx")
        parser.add_argument("--out", help="the file to write (for csv, the prefix of the three files)")

    def handle(self, *args, committee: str | None, all: bool, sitting: int | None, format: str, out, **options):
        if all:
            if committee or sitting:
                raise CommandError("--all exports every committee's every sitting: name no committee or sitting.")
            self._everything(out)
            return
        if not committee:
            raise CommandError("Name a committee (e.g. unodc), or export every committee with --all.")
        found = self._committee(committee)
        if sitting is not None and not found.sittings.filter(number=sitting).exists():
            raise CommandError(f"{found.abbreviation} has no sitting {sitting}.")
        scope = f"session-{sitting}" if sitting else "all-sittings"
        base = out or f"{found.slug}-minutes-{scope}"
        if format == "csv":
            for table in CSV_TABLES:
                path = Path(f"{base.removesuffix('.csv')}-{table}.csv")
                path.write_text(worker.minutes_csv(found.pk, sitting, table), encoding="utf-8")
                self.stdout.write(f"wrote {path}")
            return
        path = Path(base if out else f"{base}.{format}")
        if format == "docx":
            path.write_bytes(worker.minutes_docx(found.pk, sitting))
        else:
            path.write_text(worker.minutes_page(found.pk, sitting, "record/minutes.html", True), encoding="utf-8")
        self.stdout.write(f"wrote {path}")

    def _committee(self, slug: str) -> Committee:
        found = Committee.objects.filter(slug=slug).first()
        if found is None:
            known = ", ".join(Committee.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(f"No committee {slug!r} (committees: {known}).")
        if not found.sittings.exists():
            raise CommandError(f"{found.abbreviation} has not met yet: there are no minutes to export.")
        return found

    def _everything(self, out: str | None) -> None:
        """One zip: a folder per committee that has met, with its DOCX, printable HTML and CSV tables, and
        the awards its Board confirmed (record/worker.py, everything_zip; the console's download too)."""
        met = [c for c in Committee.objects.order_by("slug") if c.sittings.exists()]
        if not met:
            raise CommandError("No committee has met yet: there are no minutes to export.")
        path = Path(out or f"minutes-{timezone.localdate().isoformat()}.zip")
        path.write_bytes(worker.everything_zip())
        for found in met:
            self.stdout.write(f"{found.abbreviation}: {found.sittings.count()} sitting(s)")
        skipped = Committee.objects.exclude(pk__in=[c.pk for c in met]).values_list("abbreviation", flat=True)
        if skipped:
            self.stdout.write(f"not met yet, not exported: {', '.join(skipped)}")
        self.stdout.write(f"wrote {path}")
