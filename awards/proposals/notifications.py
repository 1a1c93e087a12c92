"""Notifications of the proposal workflow: in the app, and by e-mail from a task enqueued after the commit.

The task worker (`manage.py db_worker`) sends the mail, so a slow mail server never holds a request; a failing
one is logged with its recipients and the task is recorded as failed (the in-app notice stays).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django_tasks import task

from awards.proposals.models import Notification
from blocs.choices import MemberRole, Role

logger = logging.getLogger(__name__)


@task()
def send_notification_mail(subject: str, body: str, recipients: list[str]) -> int:
    """The task: one e-mail to ``recipients``; a failure is logged with them and fails the task."""
    try:
        return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:
        logger.exception("Không gửi được thư thông báo tới %s", ", ".join(recipients))
        raise


def notify(*, users, text, url=""):
    """In-app notifications for ``users``; an e-mail too when ``settings.EMAIL_ENABLED``."""
    users = [u for u in {u.pk: u for u in users if u is not None}.values()]
    Notification.objects.bulk_create([Notification(user=u, text=text[:500], url=url) for u in users])
    if getattr(settings, "EMAIL_ENABLED", False):
        recipients = [u.email for u in users if u.email]
        if recipients:
            site = getattr(settings, "SITE_URL", "").rstrip("/")
            body = text + (f"\n\n{site}{url}" if url else "")
            subject = _("[Thi đua, khen thưởng] Thông báo")
            transaction.on_commit(lambda: send_notification_mail.enqueue(subject, body, recipients))


def _reviewers_of(organizer_id):
    User = get_user_model()
    return list(User.objects.filter(
        Q(role_grants__role=Role.REVIEWER, role_grants__organizer_id=organizer_id), is_active=True
    ).distinct())


def _bloc_people(proposal):
    """Secretaries of the bloc, representatives of the leader unit, and the proposal's author."""
    User = get_user_model()
    leader_unit = proposal.bloc_year.members.filter(role=MemberRole.LEADER).values_list("unit_id", flat=True).first()
    q = Q(role_grants__role=Role.SECRETARY, role_grants__bloc_id=proposal.bloc_year.bloc_id)
    if leader_unit:
        q |= Q(role_grants__role=Role.LEADER_REP, role_grants__unit_id=leader_unit)
    if proposal.created_by_id:
        q |= Q(pk=proposal.created_by_id)
    return list(User.objects.filter(q, is_active=True).distinct())
