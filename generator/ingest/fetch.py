"""``timeline import https://…``: one HTML page over HTTP(S), bounded in time and size.

Only the page's markup is fetched: no scripts are run, no images or frames
loaded. Every way it can fail becomes a :class:`FetchError` with a sentence a
user can act on (an HTTP status, a content type that is not a web page, no
answer in time, no network), never a traceback.
"""

from __future__ import annotations

import http.client
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from .text import decode

TIMEOUT = 20.0  # seconds without an answer before giving up
LIMIT = 5 * 1024 * 1024  # bytes: no article page is larger; a video or a dump would be
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "timeline-import/0.1 (fetches one article page; runs no scripts)"


class FetchError(Exception):
    """Why a page could not be had, said for the user."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched page: the address it was finally served from (after redirects) and its text."""

    url: str
    text: str


class _NoOtherSchemes(urllib.request.HTTPRedirectHandler):
    """Follow redirects only to http(s): never to ``file:`` or ``ftp:``."""

    def redirect_request(self, req: urllib.request.Request, fp: object, code: int, msg: str, headers: Message, newurl: str) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise FetchError(f"redirected to {newurl!r}, which is not a web address")
        return super().redirect_request(req, fp, code, msg, headers, newurl)  # type: ignore[arg-type]


def fetch(url: str, timeout: float = TIMEOUT, limit: int = LIMIT) -> Fetched:
    """The page at ``url``; raise :class:`FetchError` with the reason when it cannot be had."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError("only http:// and https:// addresses can be fetched")
    opener = urllib.request.build_opener(_NoOtherSchemes)
    try:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9"})
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type()
            if content_type not in HTML_TYPES:
                raise FetchError(f"the address serves {content_type}, not a web page; save the article as text and import the file")
            raw = response.read(limit + 1)
            final = response.geturl()
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise FetchError(f"the server answered HTTP {exc.code} {exc.reason}; check the address, or save the page and import the file") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"no answer within {timeout:g} s; try again, or save the page and import the file") from None
        raise FetchError(f"cannot connect ({reason}); check the address and the network, or save the page and import the file") from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} s; try again, or save the page and import the file") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # a connection reset mid-read, a malformed address or answer
        raise FetchError(f"cannot fetch ({exc}); check the address, or save the page and import the file") from None
    if len(raw) > limit:
        raise FetchError(f"the page is larger than {limit // 1024} KiB; save the article as text and import the file")
    return Fetched(final, _text(raw, charset))


def _text(raw: bytes, charset: str | None) -> str:
    """The page's text in the charset the server declares, else as :func:`.text.decode` guesses."""
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    text, _ = decode(raw)
    if text is None:
        raise FetchError("the page is not text (binary or empty)")
    return text
