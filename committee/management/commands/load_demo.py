from django.core.management.base import BaseCommand

from committee.demo.load import load_demo, load_security_council
from committee.models import Committee


class Command(BaseCommand):
    help = (
        "Create the demo committees once, UNODC and a Security Council (run again, it leaves each as the "
        "secretariat made it)."
    )

    def handle(self, *args, **options):
        for slug, load in (("unodc", load_demo), ("sc", load_security_council)):
            existed = Committee.objects.filter(slug=slug).exists()
            committee = load()
            if existed:
                self.stdout.write(f"demo committee: {committee.abbreviation} is there already, kept as it is")
                continue
            self.stdout.write(
                f"demo committee: {committee.abbreviation}, {committee.delegations.count()} delegations, "
                f"{committee.documents.count()} documents"
            )
