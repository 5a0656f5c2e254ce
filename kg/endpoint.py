"""Store endpoints given on the command line: http and https only, and never echoed with their secrets.

An endpoint may carry a password (``http://user:password@host/store``) or a token in its query
(``?token=…``, ``?api_key=…``); every message that names the endpoint shows it through :func:`mask_url`.
"""
from __future__ import annotations

import re
import urllib.parse

SCHEMES = ("http", "https")
MASK = "***"
# query parameters whose values are secrets (token, access_token, api_key, apikey, key, password, secret, …)
SECRET_PARAMETER = re.compile(r"(?:^|[_\-.])(?:token|key|apikey|secret|password|passwd|pwd|pass|auth|"
                              r"authorization|signature|sig|credentials?|session|sessionid)$", re.I)


class EndpointError(ValueError):
    """The endpoint is not an http or https URL with a host."""


def mask_url(url: str) -> str:
    """``url`` with its password and the values of secret-looking query parameters replaced by ``***``.

    >>> mask_url("http://admin:s3cret@example.org:7878/store?token=abc&graph=x")
    'http://admin:***@example.org:7878/store?token=***&graph=x'
    """
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return MASK
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:{MASK}@{host}" if ":" in userinfo else f"{MASK}@{host}"
    query = "&".join(_mask_parameter(item) for item in parts.query.split("&")) if parts.query else ""
    fragment = MASK if parts.fragment and "=" in parts.fragment else parts.fragment
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, query, fragment))


def _mask_parameter(item: str) -> str:
    name, equals, value = item.partition("=")
    if equals and value and SECRET_PARAMETER.search(urllib.parse.unquote_plus(name)):
        return f"{name}={MASK}"
    return item


def split_credentials(url: str) -> tuple[str, str | None]:
    """(``url`` without ``user:password@``, ``"user:password"`` or None), the credentials unquoted."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, host = parts.netloc.rsplit("@", 1)
    user, _, password = userinfo.partition(":")
    credentials = urllib.parse.unquote(user) + ":" + urllib.parse.unquote(password)
    return urllib.parse.urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment)), credentials


def check_endpoint(url: str) -> str:
    """``url`` if it is an http or https URL with a host; :class:`EndpointError` (with the URL masked)
    otherwise: ``file://``, ``ftp://`` and the rest would read or send what the user did not mean to."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as error:
        raise EndpointError(f"bad endpoint {mask_url(url)}: {error}") from None
    if parts.scheme.lower() not in SCHEMES:
        raise EndpointError(f"bad endpoint {mask_url(url)}: only http:// and https:// endpoints are accepted")
    if not parts.hostname:
        raise EndpointError(f"bad endpoint {mask_url(url)}: no host")
    return url
