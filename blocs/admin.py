from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from import_export.admin import ExportMixin, ImportExportModelAdmin

from blocs import models
from blocs.years.resources import BlocMemberResource, UnitResource
from emulation.lib.admin import ReadOnlyAdminMixin


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


class BlocYearInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.BlocYear
    fields = ["year", "phase", "theme"]
    extra = 0
    show_change_link = True


@admin.register(models.Bloc)
class BlocAdmin(ReadOnlyAdminMixin, NamedAdmin):
    """Read-only: blocs are created and changed on their pages (audited); one holding years is never deleted."""

    list_display = ["name", "kind", "organizer", "province", "dissolved_on"]
    list_filter = ["kind", "organizer__kind"]
    autocomplete_fields = ["organizer", "province"]
    inlines = [BlocYearInline]


class MemberInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Members, their roles, the leader and the deputy change only on the bloc-year page, through the
    services that check the rules and write the audit history."""

    model = models.BlocMember
    fields = ["unit", "role"]
    readonly_fields = ["unit", "role"]
    extra = 0


@admin.register(models.BlocYear)
class BlocYearAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: a year is opened, changed and led through the audited services of the bloc-year page."""

    list_display = ["bloc", "year", "phase"]
    list_filter = ["year", "phase"]
    search_fields = ["bloc__name", "bloc__name_key"]
    autocomplete_fields = ["bloc"]
    inlines = [MemberInline]


@admin.register(models.BlocMember)
class BlocMemberAdmin(ReadOnlyAdminMixin, ExportMixin, admin.ModelAdmin):
    """Read-only (export allowed): members and roles change through the bloc-year page's services."""

    resource_classes = [BlocMemberResource]
    list_display = ["unit", "bloc_year", "role"]
    list_filter = ["role", "bloc_year__year"]
    list_select_related = ["unit", "bloc_year__bloc"]


class BasisInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.PledgeBasis
    extra = 0


class CommitmentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = models.PledgeCommitment
    extra = 0


class UnitRowInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The rows of a record, one per member unit, picked by search."""

    autocomplete_fields = ["unit"]
    extra = 0


class SignatoryInline(UnitRowInline):
    model = models.PledgeSignatory


@admin.register(models.Pledge)
class PledgeAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the pledge changes on its page, through the audited services."""

    list_display = ["bloc_year", "signing_date", "signing_place"]
    inlines = [BasisInline, CommitmentInline, SignatoryInline]


class AttendanceInline(UnitRowInline):
    model = models.MeetingAttendance


@admin.register(models.Meeting)
class MeetingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: meetings change on their page, through the audited services."""

    list_display = ["bloc_year", "kind", "date", "place"]
    list_filter = ["kind"]
    inlines = [AttendanceInline]


@admin.register(models.RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organizer", "bloc", "unit"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organizer", "bloc", "unit"]


@admin.register(models.AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The audit history is never edited nor deleted; who did it is the name kept with the entry (the
    account may be gone), the action its Vietnamese name."""

    list_display = ["at", "who", "label", "object_repr", "reason"]
    list_filter = ["action", "object_type"]
    search_fields = ["user_name", "object_repr"]
    readonly_fields = [f.name for f in models.AuditEntry._meta.fields]

    @admin.display(description=_("người thực hiện"), ordering="user_name")
    def who(self, entry):
        return entry.who

    @admin.display(description=_("hành động"), ordering="action")
    def label(self, entry):
        return entry.label
