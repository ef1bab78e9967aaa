import getpass

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from committee.models import Committee, ExecutiveRole, SignInLink
from committee.network import public_base_url


class Command(BaseCommand):
    help = "Give a person a role on a committee's Executive Board (creating their account if needed)."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="the committee, e.g. unodc")
        parser.add_argument("username")
        parser.add_argument("role", choices=ExecutiveRole.Role.values)
        parser.add_argument("--name", default="", help="the name shown in the minutes")
        parser.add_argument(
            "--affiliation", default="", help="the member's country or institution, as the minutes' masthead names it"
        )
        parser.add_argument("--password", action="store_true", help="ask for a password (else: a sign-in link)")

    def handle(self, slug, username, role, name="", affiliation="", password=False, **options):
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            raise CommandError(f"No committee {slug!r}.")
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"first_name": name})
        if password:
            first = getpass.getpass("Password: ")
            if first != getpass.getpass("Password (again): ") or not first:
                raise CommandError("The passwords did not match (or were empty); nothing was changed.")
            user.set_password(first)
        elif created:
            user.set_unusable_password()
        user.save()
        ExecutiveRole.objects.update_or_create(
            committee=committee, user=user, defaults={"role": role, "affiliation": affiliation[:120]}
        )
        self.stdout.write(f"{username} is {dict(ExecutiveRole.Role.choices)[role]} of {committee.abbreviation}.")
        minutes = 60
        link = SignInLink.issue(user, reverse("chair", args=[committee.slug]), minutes=minutes)
        self.stdout.write(
            f"sign-in link (works once, for {minutes} minutes): "
            f"{public_base_url()}{reverse('sign-in', args=[link.token])}"
        )
