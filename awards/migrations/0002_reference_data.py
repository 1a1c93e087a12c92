from django.db import migrations


def load(apps, schema_editor):
    from awards.catalog.reference_data import load_award_reference

    load_award_reference(
        apps.get_model("awards", "LegalBasis"), apps.get_model("awards", "AwardType"), apps.get_model("awards", "AwardRule")
    )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
