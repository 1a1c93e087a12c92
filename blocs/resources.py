"""django-import-export resources for units and memberships (used by the admin pages)."""

from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget

from .models import BlocMember, BlocYear, Province, Unit


class UnitResource(resources.ModelResource):
    province = fields.Field(attribute="province", column_name="province", widget=ForeignKeyWidget(Province, field="code"))

    class Meta:
        model = Unit
        fields = ("id", "name", "short_name", "kind", "province", "head_title", "signing_formula", "valid_from", "valid_to")
        export_order = fields
        use_transactions = True


class BlocYearWidget(ForeignKeyWidget):
    """A bloc-year written as "<bloc id>:<year>"."""

    def clean(self, value, row=None, **kwargs):
        if not value:
            return None
        bloc_id, year = str(value).split(":")
        return BlocYear.objects.get(bloc_id=int(bloc_id), year=int(year))

    def render(self, value, obj=None, **kwargs):
        return f"{value.bloc_id}:{value.year}" if value else ""


class BlocMemberResource(resources.ModelResource):
    bloc_year = fields.Field(attribute="bloc_year", column_name="bloc_year", widget=BlocYearWidget(BlocYear))
    unit = fields.Field(attribute="unit", column_name="unit", widget=ForeignKeyWidget(Unit, field="pk"))

    class Meta:
        model = BlocMember
        fields = ("id", "bloc_year", "unit", "role")
        use_transactions = True
