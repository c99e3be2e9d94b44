"""Sign-on against the province's LDAP directory (django-auth-ldap), off unless
``JIXIAO_LDAP_ENABLED`` turns it on (the ``ldap`` extra installs the library).

The person types their directory name and password on jixiao's own login page. The directory
places them with the same mapping as OIDC and CAS (``sso.placement_of``): the organisation is
an attribute of their entry (``JIXIAO_LDAP_ORGANISATION_ATTR``, default ``o``), the role an
attribute (``JIXIAO_LDAP_ROLE_ATTR``, default ``employeeType``) or, failing that, a group they
belong to whose name is a role's code or label (when ``JIXIAO_LDAP_GROUP_BASE`` is set). A
person the directory does not place gets no account: the "请联系管理员分配单位和角色" page.
A wrong password is a failed login like any other, and django-axes counts it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django_auth_ldap.backend import LDAPBackend

from jixiao.web.accounts.sso import place_user, placement_of, refuse


def _attribute(ldap_user: Any, name: str) -> str:
    values = ldap_user.attrs.get(name) or []
    return str(values[0]).strip() if values else ""


def _placement(ldap_user: Any) -> tuple[Any, str] | None:
    organisation = _attribute(ldap_user, settings.LDAP_ORGANISATION_ATTR)
    roles = [_attribute(ldap_user, settings.LDAP_ROLE_ATTR)]
    if getattr(settings, "AUTH_LDAP_GROUP_SEARCH", None) is not None:
        roles += sorted(ldap_user.group_names)
    return placement_of(organisation, roles)


class LDAPLoginBackend(LDAPBackend):  # type: ignore[misc]
    """Directory users are created only when their attributes or groups place them."""

    def get_or_build_user(self, username: str, ldap_user: Any) -> Any:
        if _placement(ldap_user) is None:
            refuse(
                ldap_user._request,
                username,
                _attribute(ldap_user, settings.LDAP_ORGANISATION_ATTR),
                _attribute(ldap_user, settings.LDAP_ROLE_ATTR),
            )
            raise ldap_user.AuthenticationFailed("the directory does not place this user")
        return super().get_or_build_user(username, ldap_user)

    def authenticate_ldap_user(self, ldap_user: Any, password: str) -> Any:
        user = ldap_user.authenticate(password)
        if user is not None:
            placed = _placement(ldap_user)
            if placed is not None:
                place_user(user, *placed)
        return user
