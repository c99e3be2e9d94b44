"""Single sign-on through the province's 统一身份认证: OpenID Connect (mozilla-django-oidc) and
CAS (django-cas-ng), each off unless the settings turn it on.

A person signed in by the identity provider is given an organisation and a role by two claims
(OIDC) or attributes (CAS), named in the settings: the organisation's name as jixiao knows it,
and the role as its code (``filler``) or its Chinese label (单位填报人). Someone whose claims
name no known organisation or role gets no account at all: the "请联系管理员分配单位和角色"
page, and a line in the authentication log.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django_cas_ng.backends import CASBackend
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from jixiao.web.accounts.models import AuthEvent
from jixiao.web.accounts.services import auth_event_record
from jixiao.web.organisations.models import Membership, Organisation

#: Session key: the last single sign-on was refused for want of organisation and role.
UNMAPPED = "jixiao_sso_unmapped"


def _first(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    return str(value or "").strip()


def placement(claims: Mapping[str, Any]) -> tuple[Organisation, str] | None:
    """The organisation and role that ``claims`` name, or None when either is unknown."""
    name = _first(claims.get(settings.SSO_ORGANISATION_CLAIM))
    wanted = _first(claims.get(settings.SSO_ROLE_CLAIM))
    role = next(
        (value for value, label in Membership.Role.choices if wanted in (value, str(label))), None
    )
    organisation = Organisation.objects.filter(name=name).first() if name else None
    if organisation is None or role is None:
        return None
    return organisation, role


def _refuse(request: HttpRequest | None, username: str, claims: Mapping[str, Any]) -> None:
    org = _first(claims.get(settings.SSO_ORGANISATION_CLAIM)) or "（无）"
    role = _first(claims.get(settings.SSO_ROLE_CLAIM)) or "（无）"
    auth_event_record(
        kind=AuthEvent.Kind.SSO_UNMAPPED,
        request=request,
        username=username,
        detail=f"单位“{org}”、角色“{role}”未能对应",
    )
    if request is not None and hasattr(request, "session"):
        request.session[UNMAPPED] = True


@transaction.atomic
def place_user(user: Any, organisation: Organisation, role: str) -> None:
    """Give ``user`` the role the identity provider says (other roles are left alone: an
    administrator may have added them)."""
    Membership.objects.get_or_create(user=user, organisation=organisation, role=role)


class OIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Users are found by the provider's username claim, and created only when placed."""

    def _username(self, claims: Mapping[str, Any]) -> str:
        return _first(claims.get(settings.OIDC_USERNAME_CLAIM) or claims.get("sub"))[:150]

    def verify_claims(self, claims: Mapping[str, Any]) -> bool:
        if placement(claims) is None:
            _refuse(getattr(self, "request", None), self._username(claims), claims)
            return False
        return bool(self._username(claims))

    def filter_users_by_claims(self, claims: Mapping[str, Any]) -> Any:
        return get_user_model().objects.filter(username=self._username(claims))

    def create_user(self, claims: Mapping[str, Any]) -> Any:
        user = get_user_model().objects.create_user(
            username=self._username(claims), first_name=_first(claims.get("name"))[:150]
        )
        return self.update_user(user, claims)

    def update_user(self, user: Any, claims: Mapping[str, Any]) -> Any:
        placed = placement(claims)
        if placed is not None:
            place_user(user, *placed)
        return user


class CASLoginBackend(CASBackend):  # type: ignore[misc]
    """CAS users are created only when their attributes place them."""

    def bad_attributes_reject(
        self, request: HttpRequest, username: str, attributes: Mapping[str, Any]
    ) -> bool:
        if placement(attributes) is None:
            _refuse(request, username, attributes)
            return True
        return False


def place_cas_user(sender: Any, user: Any, attributes: Any = None, **kwargs: Any) -> None:
    """django-cas-ng's ``cas_user_authenticated`` signal: the placement of a verified user."""
    placed = placement(attributes or {})
    if placed is not None and user is not None:
        place_user(user, *placed)
