"""Spam and risk checks without third parties.

Two kinds of checks: gates that refuse a request (signed form timestamp, rate
limit) and signals that only sort and annotate the moderation queue (links,
word lists, health flags). Nothing here ever publishes anything.
"""

import hashlib
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.core import signing
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from comments import claims, conf
from comments.models import Comment, Flag, ModerationWord

TIMESTAMP_SALT = "comments.form-started"
RATE_LOCK_NAMESPACE = 0x6763  # the first key of our PostgreSQL advisory locks on addresses

# Weights only order the queue; the moderator decides.
FLAG_WEIGHTS = {
    Flag.LINKS: 2,
    Flag.HOLD_WORD: 3,
    Flag.BLOCK_WORD: 10,
    Flag.DOSE: 1,
    Flag.SHOP_LINK: 3,
    Flag.STOP_MEDICATION: 4,
    Flag.CRISIS: 5,
    Flag.CURE_CLAIM: 4,
}

URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
DOSE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s?(?:mg|milligram|mcg|µg|μg|microgram|gram|g|ie|iu|ml|kve|cfu)\b",
    re.IGNORECASE,
)
SHOP_HOSTS = re.compile(
    r"(?:amazon\.|bol\.com|aliexpress|etsy\.|iherb|hollandandbarrett|kruidvat|etos\.|"
    r"vitaminstore|ebay\.|temu\.|shop|store|winkel)",
    re.IGNORECASE,
)
SHOP_URL_PARTS = re.compile(
    r"(?:[?&](?:ref|aff\w*|affiliate|tag|coupon|utm_\w+)=|/(?:product|products|p|dp|kopen|"
    r"buy|bestel|order)(?:/|\b))",
    re.IGNORECASE,
)
SHOP_WORDS = re.compile(
    r"\b(?:kortingscode|korting met code|discount code|bestel (?:het )?via|te koop bij|"
    r"link in (?:mijn|m'n) bio)\b",
    re.IGNORECASE,
)
MEDICINES = (
    r"(?:medicatie|medicijnen|medicijn|medicament(?:en)?|pillen|zalf|zalven|crème|creme|"
    r"prednison|corticosteroïden|hormoonzalf|methotrexaat|biologicals?|insuline|"
    r"antidepressiva|antibiotica|behandeling|medication|meds)"
)
STOP_MEDICATION = re.compile(
    r"(?:\b(?:stop|stopt|stoppen|gestopt|kap|kappen)\b(?:\s+\S+){0,3}?\s+met\s+(?:\S+\s+){0,2}?"
    + MEDICINES
    + r"|\b(?:laat|gooi)\s+(?:je|jouw|uw|die|de|al\s+die)\s+"
    + MEDICINES
    + r"\s+(?:\S+\s+)?(?:staan|weg)\b"
    + r"|\bgeen\s+"
    + MEDICINES
    + r"\s+meer\s+nodig"
    + r"|\bstop\s+taking\s+(?:your\s+)?"
    + MEDICINES
    + r")",
    re.IGNORECASE,
)
CRISIS = re.compile(
    r"(?:zelfmoord|suïcid|suicid|zelfdoding|\bniet\s+meer\s+(?:willen\s+)?leven\b|"
    r"\bdood\s+(?:wil|willen)\b|\bwil\s+(?:niet\s+meer|dood)\b|\bmezelf\s+(?:iets\s+)?"
    r"(?:aandoen|van\s+kant)|\been\s+einde\s+aan\s+(?:mijn\s+leven|maken|te\s+maken)|"
    r"\bkill\s+myself\b|\bend\s+my\s+life\b)",
    re.IGNORECASE,
)


# Gates ---------------------------------------------------------------------------------------


def client_address(request):
    """The reader's address as the trusted proxies report it (COMMENTS_TRUSTED_PROXIES).

    Each proxy appends the address it received the request from to X-Forwarded-For, so
    with N trusted proxies the N-th entry from the right is the client; anything further
    left is whatever the client chose to send. Without trusted proxies, or when the chain
    is shorter than the configured proxies, the header is ignored and REMOTE_ADDR counts.
    """
    proxies = conf.get("TRUSTED_PROXIES")
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if proxies < 1:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "") or ""
    chain = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    return chain[-proxies] if len(chain) >= proxies else remote


def client_ip_hash(request):
    """A keyed hash of the client address: enough to count, useless to identify."""
    address = client_address(request)
    return salted_hmac("comments.ip", address, algorithm="sha256").hexdigest() if address else ""


def issue_form_token(article, *, issued_at=None):
    """A signed form timestamp with a one-time number: one stored submission per form."""
    return signing.dumps(
        {
            "a": article.pk,
            "t": time.time() if issued_at is None else issued_at,
            "n": secrets.token_hex(16),
        },
        salt=TIMESTAMP_SALT,
    )


def form_token_nonce(token):
    """The one-time number of a form token whose signature checks out, else ''."""
    try:
        return str(signing.loads(token or "", salt=TIMESTAMP_SALT).get("n") or "")
    except signing.BadSignature:
        return ""


def form_token_problem(token, article, *, now=None):
    """Why the form's signed timestamp is unacceptable, as (code, sentence); None when fine.

    now: judge as of that time.time() (when a refused attempt is shown again later).
    """
    try:
        payload = signing.loads(token or "", salt=TIMESTAMP_SALT)
    except signing.BadSignature:
        return "invalid", _(
            "The form arrived incomplete. We have refreshed it: your text is still there, please send it again."
        )
    if payload.get("a") != article.pk:
        return "invalid", _("This form belongs to a different article; please send it again.")
    if not payload.get("n"):
        return "invalid", _(
            "The form arrived incomplete. We have refreshed it: your text is still there, please send it again."
        )
    age = (time.time() if now is None else now) - payload.get("t", 0)
    if age > conf.get("MAX_AGE_SECONDS"):
        return "expired", _(
            "This form was open too long (more than %(hours)s hours). We have refreshed it: your text is still there, please send it again."
        ) % {"hours": conf.get("MAX_AGE_SECONDS") // 3600}
    if age < conf.get("MIN_SECONDS"):
        return "too_fast", _(
            "You sent the form very quickly. Please read over your text and send it again."
        )
    return None


def rate_limited(ip_hash):
    """True when this address already sent the allowed number of items in the window.

    Call inside the transaction that stores the item, after take_turn(ip_hash), so
    concurrent posts from one address are counted one after another.
    """
    if not ip_hash:
        return False
    since = timezone.now() - timedelta(seconds=conf.get("RATE_WINDOW_SECONDS"))
    recent = Comment.objects.filter(ip_hash=ip_hash, created_at__gte=since).count()
    return recent >= conf.get("RATE_LIMIT")


def take_turn(ip_hash):
    """Make concurrent submissions from one address wait for each other until commit.

    PostgreSQL: a transaction-level advisory lock on the address. SQLite: every write
    transaction already runs alone (IMMEDIATE, see settings), so there is nothing to take.
    """
    if not ip_hash or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [RATE_LOCK_NAMESPACE, int(ip_hash[:7], 16)]
        )


def form_token_used(token):
    """True when a stored submission was already sent with this form token."""
    nonce = form_token_nonce(token)
    return bool(nonce) and Comment.objects.filter(form_nonce=nonce).exists()


def dedupe_key(comment):
    """Same person, same article, same words: one stored item however often it is sent."""
    parts = [
        comment.article_id,
        comment.parent_id,
        comment.kind,
        comment.ip_hash,
        comment.email.lower(),
        " ".join(comment.name.split()).lower(),
        " ".join(comment.body.split()),
    ]
    parts += [
        getattr(comment, name)
        for name in ("condition", "tried", "tried_type", "duration", "outcome")
    ]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


# Signals -------------------------------------------------------------------------------------


@dataclass
class Assessment:
    details: list = field(default_factory=list)  # [{"code": ..., "match": ...}]

    def add(self, code, match):
        self.details.append({"code": str(code), "match": str(match)[:120]})

    @property
    def codes(self):
        return list(dict.fromkeys(d["code"] for d in self.details))

    @property
    def score(self):
        return sum(FLAG_WEIGHTS[Flag(code)] for code in self.codes)

    @property
    def blocked(self):
        return Flag.BLOCK_WORD in self.codes

    def apply_to(self, comment):
        comment.flags = "".join(f",{code}" for code in self.codes) + ("," if self.codes else "")
        comment.flag_details = self.details
        comment.score = self.score


def assess(comment, words=None):
    """Every signal in a submission; words defaults to the moderators' current lists."""
    text = "\n".join(
        [comment.name, comment.body, comment.condition, comment.tried, comment.duration]
    )
    result = Assessment()
    urls = URL.findall(text)
    if len(urls) >= 2:
        result.add(Flag.LINKS, _("%(n)d links") % {"n": len(urls)})
    _check_words(text, ModerationWord.objects.all() if words is None else words, result)
    for url in urls:
        if SHOP_HOSTS.search(_host(url)) or SHOP_URL_PARTS.search(url):
            result.add(Flag.SHOP_LINK, url)
    for pattern, code in (
        (SHOP_WORDS, Flag.SHOP_LINK),
        (DOSE, Flag.DOSE),
        (STOP_MEDICATION, Flag.STOP_MEDICATION),
        (CRISIS, Flag.CRISIS),
    ):
        for match in pattern.finditer(text):
            result.add(code, match.group(0))
    claims.add_claim_signals(comment, result)
    return result


def _host(url):
    try:
        return urlsplit(url).netloc
    except ValueError:  # e.g. an unbalanced '[' in what looks like an IPv6 host
        return ""


def _check_words(text, words, result):
    for word in words:
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, word.phrase.split())) + r"(?!\w)"
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            code = Flag.BLOCK_WORD if word.action == ModerationWord.Action.BLOCK else Flag.HOLD_WORD
            result.add(code, match.group(0))
