"""Procedural votes move to the committee's one vote machinery: each ProceduralVote becomes a
committee Vote (with its ballots), and its motion points at it."""

import django.db.models.deletion
from django.db import migrations, models

ABSENT = "absent"


def carry_votes_over(apps, schema_editor):
    ProceduralVote = apps.get_model("debate", "ProceduralVote")
    OldBallot = apps.get_model("debate", "Ballot")
    Motion = apps.get_model("debate", "Motion")
    Vote = apps.get_model("committee", "Vote")
    Ballot = apps.get_model("committee", "Ballot")
    Attendance = apps.get_model("committee", "Attendance")
    Sitting = apps.get_model("committee", "Sitting")
    for old in ProceduralVote.objects.select_related("motion__delegation").order_by("opened_at", "id"):
        motion = old.motion
        ballots = list(OldBallot.objects.filter(vote=old))
        electorate = [b.delegation_id for b in ballots]
        sitting = Sitting.objects.filter(committee_id=motion.committee_id, opened_at__lte=old.opened_at).order_by("-number").first()
        if old.closed_at is None and sitting is not None:
            # Still open: whoever is present (but NGOs) may vote, as the default profile says.
            electorate = list(
                Attendance.objects.filter(sitting=sitting)
                .exclude(status=ABSENT)
                .exclude(delegation__kind="ngo")
                .values_list("delegation_id", flat=True)
            )
        vote = Vote.objects.create(
            committee_id=motion.committee_id,
            sitting=sitting,
            subject="debate.motion",
            subject_id=motion.pk,
            title=f"{motion.delegation.name}: {motion.kind.replace('_', ' ')}",
            question="procedural",
            method=old.method,
            threshold=">1/2" if old.needed * 2 > old.base else "2/3",
            threshold_name="simple" if old.needed * 2 > old.base else "two_thirds",
            electorate=electorate,
            no_abstention=electorate,
            base=old.base,
            yes=old.yes,
            no=old.no,
            needed=old.needed,
            passed=None if old.closed_at is None else old.yes >= old.needed,
            opened_at=old.opened_at,
            closed_at=old.closed_at,
        )
        Ballot.objects.bulk_create(
            Ballot(vote=vote, delegation_id=b.delegation_id, choice=b.choice, cast_at=b.cast_at) for b in ballots
        )
        Motion.objects.filter(pk=motion.pk).update(vote=vote)


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0002_shared_votes"),
        ("debate", "0002_caucus_speeches_and_default_speaking_time"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="speakerentry",
            options={"ordering": ["position", "id"], "verbose_name_plural": "speaker entries"},
        ),
        migrations.AlterModelOptions(
            name="speech",
            options={"verbose_name_plural": "speeches"},
        ),
        migrations.AddField(
            model_name="motion",
            name="vote",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="committee.vote",
            ),
        ),
        migrations.RunPython(carry_votes_over, migrations.RunPython.noop),
        migrations.DeleteModel(name="Ballot"),
        migrations.DeleteModel(name="ProceduralVote"),
    ]
