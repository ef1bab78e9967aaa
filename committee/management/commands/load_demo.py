from django.core.management.base import BaseCommand

from committee.demo.load import load_demo


class Command(BaseCommand):
    help = "Create or update the demo UNODC committee (safe to run again: changes nothing the second time)."

    def handle(self, *args, **options):
        committee = load_demo()
        self.stdout.write(
            f"demo committee: {committee.abbreviation}, {committee.delegations.count()} delegations, "
            f"{committee.documents.count()} documents"
        )
