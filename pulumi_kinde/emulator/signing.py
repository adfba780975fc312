"""RS256 signatures for the emulator's access tokens, and the JWKS that verifies them.

Kinde signs its tokens with RS256 and publishes the public keys at ``/.well-known/jwks``
(docs.kinde.com, "M2M token structure"), so a backend under test can verify emulator tokens
the way it verifies Kinde's. Plain Python integers do the arithmetic (no cryptography
package): generating the 2048-bit key takes about a second, so it is made once per process,
when the first emulator is built, and shared by every emulator of the process. It never
leaves memory.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from dataclasses import dataclass

__all__ = ["SigningKey", "signing_key"]

_BITS = 2048
_EXPONENT = 65537
# DER prefix of a SHA-256 DigestInfo (RFC 8017, section 9.2, note 1).
_SHA256_PREFIX = bytes.fromhex("3031300d060960864801650304020105000420")
_SMALL_PRIMES = [p for p in range(3, 20_000, 2) if all(p % q for q in range(3, int(p**0.5) + 1, 2))]
_WINDOW = 4096


@dataclass(frozen=True)
class SigningKey:
    """An RSA key pair: ``n`` and ``e`` are public, ``d`` signs."""

    kid: str
    n: int
    e: int
    d: int

    def sign(self, message: bytes) -> bytes:
        """The RSASSA-PKCS1-v1_5 SHA-256 signature of ``message`` (JWS ``RS256``)."""
        size = (self.n.bit_length() + 7) // 8
        digest = _SHA256_PREFIX + hashlib.sha256(message).digest()
        padded = b"\x00\x01" + b"\xff" * (size - len(digest) - 3) + b"\x00" + digest
        return pow(int.from_bytes(padded, "big"), self.d, self.n).to_bytes(size, "big")

    def verify(self, message: bytes, signature: bytes) -> bool:
        """Whether ``signature`` is this key's RS256 signature of ``message``."""
        size = (self.n.bit_length() + 7) // 8
        recovered = pow(int.from_bytes(signature, "big"), self.e, self.n).to_bytes(size, "big")
        digest = _SHA256_PREFIX + hashlib.sha256(message).digest()
        return recovered == b"\x00\x01" + b"\xff" * (size - len(digest) - 3) + b"\x00" + digest

    def jwk(self) -> dict[str, str]:
        """The public key as a JSON Web Key."""
        return {
            "kty": "RSA",
            "alg": "RS256",
            "use": "sig",
            "kid": self.kid,
            "n": _b64_int(self.n),
            "e": _b64_int(self.e),
        }


_lock = threading.Lock()
_key: SigningKey | None = None


def signing_key() -> SigningKey:
    """The process's signing key, made on first use."""
    global _key
    with _lock:
        if _key is None:
            _key = _generate()
        return _key


def _generate() -> SigningKey:
    while True:
        p, q = _prime(_BITS // 2), _prime(_BITS // 2)
        phi = (p - 1) * (q - 1)
        if p != q and phi % _EXPONENT:
            n = p * q
            kid = hashlib.sha256(n.to_bytes(_BITS // 8, "big")).hexdigest()[:16]
            return SigningKey(kid=kid, n=n, e=_EXPONENT, d=pow(_EXPONENT, -1, phi))


def _prime(bits: int) -> int:
    """A random probable prime of ``bits`` bits (top two bits set, so p*q has 2*bits)."""
    while True:
        start = secrets.randbits(bits) | (3 << (bits - 2)) | 1
        composite = bytearray(_WINDOW)  # composite[i]: start + 2*i has a small factor
        for p in _SMALL_PRIMES:
            first = (-start) % p
            if first % 2:
                first += p
            composite[first // 2 :: p] = b"\x01" * len(range(first // 2, _WINDOW, p))
        for i in range(_WINDOW):
            candidate = start + 2 * i
            if not composite[i] and _miller_rabin(candidate, rounds=24):
                return candidate


def _miller_rabin(n: int, *, rounds: int) -> bool:
    if pow(2, n - 1, n) != 1:  # a Fermat test first: cheap, and rejects nearly every composite
        return False
    d, r = n - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(rounds):
        x = pow(secrets.randbelow(n - 3) + 2, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(r - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _b64_int(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
