"""Indexes for the queries ``make bench`` measures (issue 7), kept out of the models of other areas.

``awards_proposal (status, year)``: the review queue and the home page count proposals awaiting
review by status (all organisers for an administrator, with or without a year); the existing
``(organizer, year, status)`` index cannot serve a query without an organiser. Plain SQL that
SQLite and PostgreSQL both accept.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("awards", "0005_merge_0003_scoring_caps_0004_proposals_award_rules")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS awards_proposal_status_year_bench ON awards_proposal (status, year);",
            reverse_sql="DROP INDEX IF EXISTS awards_proposal_status_year_bench;",
        ),
    ]
