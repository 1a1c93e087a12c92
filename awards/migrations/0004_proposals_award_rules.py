from django.db import migrations


def load(apps, schema_editor):
    from awards.catalog.reference_data import load_award_reference

    load_award_reference(
        apps.get_model("awards", "LegalBasis"), apps.get_model("awards", "AwardType"), apps.get_model("awards", "AwardRule")
    )


class Migration(migrations.Migration):
    """Rule parameters of every award type per legal basis (Decrees 98/2023 and 152/2025 added)."""

    dependencies = [("awards", "0003_proposals_checks_and_vote_notes")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
