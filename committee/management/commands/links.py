from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.urls import reverse

from committee.models import Committee, ExecutiveRole, SignInLink
from committee.network import public_base_url


class Command(BaseCommand):
    help = "Print the links of a committee: chair (a secret sign-in link), projector, and each delegation."

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", default="unodc")
        parser.add_argument(
            "--base",
            help="Address phones use, e.g. http://192.168.1.20:8000 (default: this machine's LAN address and $PORT)",
        )
        parser.add_argument(
            "--minutes", type=int, default=60, help="How long the sign-in links work (each signs in once)."
        )

    def handle(self, slug, base=None, minutes=60, **options):
        if minutes <= 0:
            raise CommandError("--minutes must be positive")
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            raise CommandError(f"No committee {slug!r}. Run `make run` (it loads the demo) or create one in the admin.")
        base = (base or public_base_url()).rstrip("/")
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
        from django.contrib.auth import get_user_model

        staff = (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(is_staff=True), is_active=True, username="secretariat")
            .first()
        )
        if staff is not None:
            link = SignInLink.issue(staff, reverse("admin:index"), minutes=minutes)
            self.stdout.write(f"secretariat (admin): {base}{reverse('sign-in', args=[link.token])}")
