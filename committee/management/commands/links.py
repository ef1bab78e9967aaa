from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.urls import reverse

from committee.models import Committee, ExecutiveRole, SignInLink
from committee.network import public_base_url


class Command(BaseCommand):
    help = (
        "Print the links of committees (every committee when none is named): the chair (a secret sign-in "
        "link), the projector and each delegation; then the secretariat's."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", metavar="slug")
        parser.add_argument(
            "--base",
            help="Address phones use, e.g. http://192.168.1.20:8000 (default: this machine's LAN address and $PORT)",
        )
        parser.add_argument(
            "--minutes", type=int, default=60, help="How long the sign-in links work (each signs in once)."
        )

    def handle(self, slugs, base=None, minutes=60, **options):
        if minutes <= 0:
            raise CommandError("--minutes must be positive")
        committees = list(Committee.objects.filter(slug__in=slugs) if slugs else Committee.objects.all())
        missing = set(slugs) - {c.slug for c in committees}
        if missing or not committees:
            named = ", ".join(sorted(missing)) or "at all"
            raise CommandError(f"No committee {named}. Run `make run` (it loads the demo) or create one in the admin.")
        base = (base or public_base_url()).rstrip("/")
        for committee in committees:
            if len(committees) > 1:
                self.stdout.write(f"\n== {committee.abbreviation}: {committee.name} ==")
            self.committee_links(committee, base, minutes)
        staff = (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(is_staff=True), is_active=True, username="secretariat")
            .first()
        )
        if staff is not None:
            link = SignInLink.issue(staff, reverse("admin:index"), minutes=minutes)
            self.stdout.write(f"secretariat (admin): {base}{reverse('sign-in', args=[link.token])}")
            self.stdout.write(f"secretariat's console, once signed in: {base}{reverse('console')}")

    def committee_links(self, committee: Committee, base: str, minutes: int) -> None:
        chair = (
            ExecutiveRole.objects.filter(committee=committee, role=ExecutiveRole.Role.CHAIR)
            .select_related("user")
            .first()
        )
        if chair is not None:
            link = SignInLink.issue(chair.user, reverse("chair", args=[committee.slug]), minutes=minutes)
            self.stdout.write(f"chair: {base}{reverse('sign-in', args=[link.token])}")
        else:
            chair_page = reverse("chair", args=[committee.slug])
            self.stdout.write(f"chair: {base}{chair_page} (no chair assigned: sign in as secretariat)")
        self.stdout.write(f"projector: {base}{reverse('projector', args=[committee.slug, committee.projector_token])}")
        for delegation in committee.delegations.all():
            self.stdout.write(f"delegate {delegation.name}: {base}{reverse('join', args=[delegation.join_token])}")
