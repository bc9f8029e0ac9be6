"""HTTP to SPARQL endpoints and Graph Store servers: URLs checked and shown without credentials, credentials
from the environment or ~/.netrc (never from the command line, so never in the shell's history), and one
deadline per operation that no server can stretch.

A socket timeout bounds each read, not an answer: a server that sends one byte a second never trips it. So
an operation gets a `Deadline`: every connection it opens gets the time left as its socket timeout, and when
the time is up a timer shuts the open sockets down, which ends a blocked connect, read or write at once.

A user and password go out as HTTP basic; a server that refuses basic for Digest (Virtuoso's Graph Store and
/sparql-auth) gets them as the Digest answer to its challenge, for the same request only (DigestFromBasic).
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import io
import netrc
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from types import TracebackType
from typing import Any

from rightsgraph.core.errors import UserError

TOKEN_VARIABLE = "RIGHTSGRAPH_TOKEN"
USER_VARIABLE = "RIGHTSGRAPH_USER"
PASSWORD_VARIABLE = "RIGHTSGRAPH_PASSWORD"
CREDENTIALS_FIX = (
    f"set {TOKEN_VARIABLE} (a bearer token), or {USER_VARIABLE} and {PASSWORD_VARIABLE}, or add the host to ~/.netrc"
)
BEARER = re.compile(r"[A-Za-z0-9._~+/-]+=*")  # RFC 6750's b64token
CHUNK = 1 << 16


def redact(url: str) -> str:
    """The URL with any user:password@ replaced by ***@, for every message that names it."""
    return re.sub(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@", r"\1***@", url.strip())


def url_problem(url: str) -> str | None:
    """What is wrong with an endpoint or Graph Store URL, in words that never repeat a password; None if good."""
    shown = redact(url)
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return f"{shown!r} has spaces or control characters (write them percent-encoded)"
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as exc:  # a port out of range or not a number, a broken [IPv6] address
        return f"{shown!r} is not a valid URL ({exc})"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"{shown!r} is not an http:// or https:// URL with a host, such as http://127.0.0.1:7878/query"
    if port == 0:
        return f"{shown!r} has port 0"
    if "@" in parts.netloc:
        return (
            f"{shown!r} carries credentials, which would stay in the shell's history: remove them from the URL "
            f"and {CREDENTIALS_FIX}"
        )
    return None


def check_url(url: str) -> str:
    """The URL, or a UserError naming what is wrong with it (without its credentials)."""
    problem = url_problem(url)
    if problem:
        raise UserError(problem, fix="give an http:// or https:// URL such as http://127.0.0.1:7878/query")
    return url


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def authorization(url: str) -> str | None:
    """The Authorization header for a URL: a bearer token from RIGHTSGRAPH_TOKEN, HTTP basic from
    RIGHTSGRAPH_USER and RIGHTSGRAPH_PASSWORD, else from ~/.netrc (the host's entry, or `default`); None."""
    token, user, password = (os.environ.get(v) for v in (TOKEN_VARIABLE, USER_VARIABLE, PASSWORD_VARIABLE))
    if token and (user or password):
        raise UserError(
            f"both {TOKEN_VARIABLE} and {USER_VARIABLE}/{PASSWORD_VARIABLE} are set",
            fix="unset the one you do not mean to use",
        )
    if token:
        if not BEARER.fullmatch(token):
            raise UserError(
                f"{TOKEN_VARIABLE} is not a bearer token (letters, digits and -._~+/ only)",
                fix=f"set {TOKEN_VARIABLE} to the token alone, without 'Bearer ', quotes or spaces",
            )
        return f"Bearer {token}"
    if user or password:
        if not (user and password):
            missing = PASSWORD_VARIABLE if user else USER_VARIABLE
            raise UserError(f"{missing} is not set", fix=f"set both {USER_VARIABLE} and {PASSWORD_VARIABLE}")
        if ":" in user:
            raise UserError(f"{USER_VARIABLE} has a ':'", fix="HTTP basic auth allows no ':' in a user name")
        return _basic(user, password)
    return _from_netrc(urllib.parse.urlsplit(url).hostname or "")


def _from_netrc(host: str) -> str | None:
    try:
        entries = netrc.netrc()  # ~/.netrc; refused when others may read it and it holds a password
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as exc:
        raise UserError(
            f"cannot read the netrc file: {exc.msg}",
            exc.filename,
            exc.lineno,
            fix="correct the entry (machine HOST login USER password PASSWORD), and chmod 600 the file",
        ) from None
    except OSError as exc:
        raise UserError(f"cannot read ~/.netrc: {exc.strerror}", fix="check the file's permissions") from None
    found = entries.authenticators(host)
    if not found or not found[0] or not found[2]:
        return None
    return _basic(found[0], found[2])


class Deadline:
    """One time limit for an HTTP operation, over all its connections, reads and writes."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._connections: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self.digest_origins: set[str] = set()  # servers that took no basic but a Digest answer

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._timer.cancel()

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())

    @property
    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.end

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for connection in self._connections:
                if connection.sock is not None:
                    with contextlib.suppress(OSError):  # already closed
                        connection.sock.shutdown(socket.SHUT_RDWR)

    def connection(self, http_class: Callable[..., http.client.HTTPConnection]) -> Callable[..., Any]:
        """A connection class for urllib whose connections take the time left and end at the deadline."""

        def make(host: str, timeout: float | None = None, **kwargs: Any) -> http.client.HTTPConnection:
            left = self.left()
            connection = http_class(host, timeout=min(timeout or left, left) or 0.001, **kwargs)
            with self._lock:
                self._connections.append(connection)
            return connection

        return make

    def opener(self) -> urllib.request.OpenerDirector:
        """A urllib opener (proxies, redirects, HTTPS as usual) whose connections keep this deadline."""
        deadline = self

        class Http(urllib.request.HTTPHandler):
            def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> http.client.HTTPResponse:
                return super().do_open(deadline.connection(http_class), req, **kwargs)

        class Https(urllib.request.HTTPSHandler):
            def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> http.client.HTTPResponse:
                return super().do_open(deadline.connection(http_class), req, **kwargs)

        return urllib.request.build_opener(Http, Https, DigestFromBasic(self))


def origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class DigestFromBasic(urllib.request.BaseHandler, urllib.request.AbstractDigestAuthHandler):
    """HTTP Digest (RFC 7616) with the user and password of a request's basic credentials, for a server that takes
    no basic. Virtuoso answers basic credentials with a bare 401 and challenges only a request without any: the
    challenge (its nonce) is asked for by a HEAD without credentials, which sends no body, and the request goes
    again with the Digest answer. A server found so is remembered for the operation (the Deadline): its next
    requests go out with the Digest answer at once, their bodies sent once. Only the request that carried the
    credentials is answered: the basic header is unredirected, so a redirected request, to whatever host, has
    none and gets no answer; a Digest answer refused again is the server's 401 (a wrong password)."""

    auth_header = "Authorization"

    def __init__(self, deadline: Deadline) -> None:
        self.passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        urllib.request.AbstractDigestAuthHandler.__init__(self, self.passwords)
        self.deadline = deadline

    def _basic(self, req: urllib.request.Request) -> bool:
        """Whether the request carries basic credentials; if so they are the ones to answer a challenge with."""
        sent = req.get_header(self.auth_header) or ""
        if not sent.startswith("Basic "):
            return False
        user, _, password = base64.b64decode(sent[len("Basic ") :]).decode().partition(":")
        self.passwords.add_password(None, req.full_url, user, password)
        return True

    def _challenge(self, req: urllib.request.Request) -> str | None:
        """The server's Digest challenge to a bodyless request without credentials (HEAD) to the same URL."""
        try:
            self.parent.open(urllib.request.Request(req.full_url, method="HEAD"), timeout=req.timeout).close()
        except urllib.error.HTTPError as refused:
            refused.close()
            return _digest(refused.headers)
        return None

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        """To a server known to take Digest only, the Digest answer goes with the first sending."""
        if origin(req.full_url) in self.deadline.digest_origins and self._basic(req):
            challenge = self._challenge(req)
            answer = challenge and self.get_authorization(req, _parameters(challenge))
            if answer:
                req.add_unredirected_header(self.auth_header, f"Digest {answer}")
        return req

    https_request = http_request

    def http_error_401(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any) -> Any:
        if not self._basic(req):
            return None  # no credentials, or a Digest answer refused: the 401 stands
        challenges = headers.get_all("WWW-Authenticate") or []
        challenge = _digest(headers) if challenges else self._challenge(req)  # a bare 401: ask for one
        if challenge is None:
            return None
        self.deadline.digest_origins.add(origin(req.full_url))
        fp.close()
        return self.retry_http_digest_auth(req, challenge)


def find_auth_scheme(url: str, deadline: Deadline, credentials: str | None) -> None:
    """A HEAD with basic credentials, before any request with a body: a server that takes Digest only is found
    (and remembered by the deadline) without sending a body it would refuse, and may cut off (a broken pipe)."""
    if not (credentials and credentials.startswith("Basic ")):
        return
    request = urllib.request.Request(url, method="HEAD")
    request.add_unredirected_header("Authorization", credentials)
    with contextlib.suppress(OSError, http.client.HTTPException):  # what it finds or not, the requests report
        deadline.opener().open(request, timeout=deadline.left()).close()


def _digest(headers: Any) -> str | None:
    """The Digest challenge among a response's WWW-Authenticate headers."""
    found = headers.get_all("WWW-Authenticate") or []
    return next((c for c in found if c.split(" ", 1)[0].lower() == "digest"), None)


def _parameters(challenge: str) -> dict[str, str]:
    return urllib.request.parse_keqv_list(urllib.request.parse_http_list(challenge.split(" ", 1)[1]))


class Body(io.RawIOBase):
    """A response body as a parser reads it: in chunks as they arrive, kept (`data()`). At the deadline, or past
    `max_bytes`, it reads as ended and `failure` says which ("time", "size"), so that the parser stops there."""

    def __init__(self, response: Any, deadline: Deadline, max_bytes: int) -> None:
        super().__init__()
        self.response = response
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.chunks: list[bytes] = []
        self.size = 0
        self.failure: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.failure is None and not self.deadline.passed:
            chunk = self.response.read1(min(len(buffer), CHUNK))
            self.size += len(chunk)
            if self.deadline.passed:  # the timer shut the socket: what came last may be cut short
                self.failure = "time"
            elif self.size > self.max_bytes:
                self.failure = "size"
            else:
                self.chunks.append(chunk)
                buffer[: len(chunk)] = chunk
                return len(chunk)
        self.failure = self.failure or "time"
        return 0

    def data(self) -> bytes:
        return b"".join(self.chunks)
