from django.core.management.base import BaseCommand

from committee.demo.load import load_demo


class Command(BaseCommand):
    help = "Create the demo UNODC committee once (run again, it leaves the committee as the secretariat made it)."

    def handle(self, *args, **options):
        from committee.models import Committee

        existed = Committee.objects.filter(slug="unodc").exists()
        committee = load_demo()
        if existed:
            self.stdout.write(f"demo committee: {committee.abbreviation} is there already, kept as it is")
            return
        self.stdout.write(
            f"demo committee: {committee.abbreviation}, {committee.delegations.count()} delegations, "
            f"{committee.documents.count()} documents"
        )
