from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export.admin import ImportExportModelAdmin

from blocs import models
from blocs.choices import MemberRole
from blocs.years.resources import BlocMemberResource, UnitResource
from blocs.years.services import check_unit_can_join


class NamedAdmin(admin.ModelAdmin):
    search_fields = ["name", "name_key", "name_ascii"]
    ordering = ["sort_key"]


@admin.register(models.Province)
class ProvinceAdmin(NamedAdmin):
    list_display = ["name", "kind", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    autocomplete_fields = ["successor"]


@admin.register(models.Organizer)
class OrganizerAdmin(NamedAdmin):
    list_display = ["name", "kind", "province", "valid_from", "valid_to"]
    list_filter = ["kind"]
    autocomplete_fields = ["province", "successor"]


@admin.register(models.Unit)
class UnitAdmin(ImportExportModelAdmin, NamedAdmin):
    resource_classes = [UnitResource]
    list_display = ["name", "kind", "province", "valid_from", "valid_to", "successor"]
    list_filter = ["kind"]
    autocomplete_fields = ["province", "successor"]


class BlocYearInline(admin.TabularInline):
    model = models.BlocYear
    fields = ["year", "phase", "theme"]
    extra = 0
    show_change_link = True


@admin.register(models.Bloc)
class BlocAdmin(NamedAdmin):
    list_display = ["name", "kind", "organizer", "province", "dissolved_on"]
    list_filter = ["kind", "organizer__kind"]
    autocomplete_fields = ["organizer", "province"]
    inlines = [BlocYearInline]


class BlocMemberAdminForm(forms.ModelForm):
    """Admin edits obey the rules of the screens (one bloc per organiser and year; units that exist)."""

    class Meta:
        model = models.BlocMember
        fields = ["bloc_year", "unit", "role"]

    def clean(self):
        data = super().clean()
        bloc_year = data.get("bloc_year") or (self.instance.bloc_year if self.instance.bloc_year_id else None)
        unit = data.get("unit")
        if bloc_year and unit and (self.instance.pk is None or self.instance.unit_id != unit.pk
                                   or self.instance.bloc_year_id != bloc_year.pk):

            try:
                check_unit_can_join(bloc_year=bloc_year, unit=unit)
            except ValidationError as e:
                self.add_error("unit", e)
        if bloc_year and data.get("role") in (MemberRole.LEADER, MemberRole.DEPUTY):
            taken = models.BlocMember.objects.filter(bloc_year=bloc_year, role=data["role"]).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("role", _("Năm %(year)s đã có %(role)s: %(unit)s.") % {
                    "year": bloc_year.year, "role": MemberRole(data["role"]).label, "unit": taken.first().unit.name})
        return data


class MemberInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            if not getattr(form, "cleaned_data", None) or form.cleaned_data.get("DELETE"):
                continue
            role = form.cleaned_data.get("role")
            if role in (MemberRole.LEADER, MemberRole.DEPUTY):
                if role in seen:
                    raise ValidationError(_("Mỗi năm chỉ có một %(role)s.") % {"role": MemberRole(role).label})
                seen[role] = True


class MemberInline(admin.TabularInline):
    model = models.BlocMember
    form = BlocMemberAdminForm
    formset = MemberInlineFormSet
    fields = ["unit", "role"]
    autocomplete_fields = ["unit"]
    extra = 0


@admin.register(models.BlocYear)
class BlocYearAdmin(admin.ModelAdmin):
    list_display = ["bloc", "year", "phase"]
    list_filter = ["year", "phase"]
    search_fields = ["bloc__name", "bloc__name_key"]
    autocomplete_fields = ["bloc"]
    inlines = [MemberInline]


@admin.register(models.BlocMember)
class BlocMemberAdmin(ImportExportModelAdmin):
    form = BlocMemberAdminForm
    resource_classes = [BlocMemberResource]
    list_display = ["unit", "bloc_year", "role"]
    list_filter = ["role", "year"]
    autocomplete_fields = ["unit", "bloc_year"]


class BasisInline(admin.TabularInline):
    model = models.PledgeBasis
    extra = 0


class CommitmentInline(admin.TabularInline):
    model = models.PledgeCommitment
    extra = 0


class SignatoryInline(admin.TabularInline):
    model = models.PledgeSignatory
    autocomplete_fields = ["unit"]
    extra = 0


@admin.register(models.Pledge)
class PledgeAdmin(admin.ModelAdmin):
    list_display = ["bloc_year", "signing_date", "signing_place"]
    inlines = [BasisInline, CommitmentInline, SignatoryInline]


class AttendanceInline(admin.TabularInline):
    model = models.MeetingAttendance
    autocomplete_fields = ["unit"]
    extra = 0


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["bloc_year", "kind", "date", "place"]
    list_filter = ["kind"]
    inlines = [AttendanceInline]


@admin.register(models.RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organizer", "bloc", "unit"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organizer", "bloc", "unit"]


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "object_repr", "reason"]
    list_filter = ["action", "object_type"]
    readonly_fields = [f.name for f in models.AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
