from django.db import migrations


def load(apps, schema_editor):
    from blocs.units.reference_data import load_reference_data
    from emulation.lib import text

    load_reference_data(
        apps.get_model("blocs", "Province"), apps.get_model("blocs", "Organizer"), apps.get_model("blocs", "Unit"), text=text
    )


class Migration(migrations.Migration):
    dependencies = [("blocs", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
