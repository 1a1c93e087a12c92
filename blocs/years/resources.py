"""django-import-export resources for units and memberships (used by the admin pages)."""

from django.core.exceptions import ValidationError
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from blocs.units.models import Province, Unit
from blocs.years.models import BlocMember, BlocYear
from blocs.years.services import check_unit_can_join
from emulation.lib import sheets


class AllOrNothingResource(resources.ModelResource):
    """Imports are all or nothing: one invalid row cancels every row (also outside the admin). Exports
    are values: text a spreadsheet would run as a formula gets OWASP's leading apostrophe (.csv and .xlsx)."""

    def import_data(self, dataset, **kwargs):
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def export_resource(self, instance, selected_fields=None, **kwargs):
        return [sheets.csv_value(v) for v in super().export_resource(instance, selected_fields, **kwargs)]


class UnitResource(AllOrNothingResource):
    province = fields.Field(attribute="province", column_name="province", widget=ForeignKeyWidget(Province, field="code"))

    class Meta:
        model = Unit
        fields = ("id", "name", "short_name", "kind", "province", "head_title", "signing_formula", "valid_from", "valid_to")
        export_order = fields
        use_transactions = True
        clean_model_instances = True  # Unit.clean: end of validity after its start


class BlocYearWidget(ForeignKeyWidget):
    """A bloc-year written as "<bloc id>:<year>"."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        bloc_id, year = str(value).split(":")
        return BlocYear.objects.get(bloc_id=int(bloc_id), year=int(year))

    def render(self, value, obj=None, **kwargs):
        return f"{value.bloc_id}:{value.year}" if value else ""


class BlocMemberResource(AllOrNothingResource):
    bloc_year = fields.Field(attribute="bloc_year", column_name="bloc_year", widget=BlocYearWidget(BlocYear))
    unit = fields.Field(attribute="unit", column_name="unit", widget=ForeignKeyWidget(Unit, field="pk"))

    class Meta:
        model = BlocMember
        fields = ("id", "bloc_year", "unit", "role")
        use_transactions = True

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """New rows obey the same rules as the screens (one bloc per organiser and year, units that
        still exist), with the same Vietnamese messages; any invalid row cancels the whole import."""
        errors = dict(import_validation_errors or {})
        if instance.pk is None and instance.bloc_year_id and instance.unit_id and not errors:


            try:
                check_unit_can_join(bloc_year=instance.bloc_year, unit=instance.unit)
            except ValidationError as e:
                errors["unit"] = e.messages
        super().validate_instance(instance, errors, validate_unique)
