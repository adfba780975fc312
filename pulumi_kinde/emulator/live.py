"""Where the emulator follows the live Kinde service rather than the published spec.

This is the one list of those choices (:data:`LIVE_OVER_SPEC`); each also carries a ``Live:``
comment next to the code that makes it. The evidence is the table "Evidence of live
behaviour" of the project's spec notes, gathered from Kinde's docs, its own scripts and
clients tested against live businesses. Each entry names the tests that would fail if the
emulator (or pulumi-kinde) went back to the spec's form.

Where the evidence is partial, the spec's form stays available: ``Emulator(spec_forms=...)``
answers with the forms named in :data:`SPEC_FORMS` instead, so that a client can be tested
against both.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "LIVE_OVER_SPEC",
    "PERMISSION_CREATE_WITHOUT_ID",
    "SPEC_FORMS",
    "STRICT_ACCEPT",
    "LiveChoice",
    "charset_only",
]

PERMISSION_CREATE_WITHOUT_ID = "permission_create_without_id"

#: The spec's forms the emulator can answer with instead of the live ones, and what each does.
SPEC_FORMS: dict[str, str] = {
    PERMISSION_CREATE_WITHOUT_ID: (
        "POST /permissions answers without the new id (the spec's answer): a client must "
        "list the permissions and match on key"
    ),
}

#: Operations that refuse an ``Accept`` header naming only a charset variant of JSON
#: (``application/json; charset=utf-8``) with 406: kinde-ruby-sdk commit 83317c1 fixed its
#: client for the connection list, the one list the evidence names.
STRICT_ACCEPT = frozenset({"GetConnections"})


def charset_only(accept: str | None) -> bool:
    """Whether ``accept`` asks for JSON only with parameters (``; charset=...``), which the
    lists in :data:`STRICT_ACCEPT` refuse. No header, ``*/*`` or a plain
    ``application/json`` is fine."""
    if not accept:
        return False
    plain, variant = False, False
    for part in accept.split(","):
        media, _, params = part.partition(";")
        media = media.strip().lower()
        if media in ("*/*", "application/*"):
            plain = True
        elif media == "application/json":
            if params.strip() and not params.strip().lower().startswith("q="):
                variant = True
            else:
                plain = True
    return variant and not plain


@dataclass(frozen=True)
class LiveChoice:
    """One behaviour where the emulator follows the live service."""

    behaviour: str
    """The behaviour, as the evidence table names it."""
    emulator: str
    """What the emulator does."""
    provider: str
    """What pulumi-kinde does about it ("nothing needed" when it was already right)."""
    source: str
    """Where the live behaviour was seen."""
    tests: tuple[str, ...]
    """Tests (``path::name``) that fail if the emulator or pulumi-kinde went back."""


_EVIDENCE = "tests/emulator/test_live_evidence.py::"
_PROVIDER = "tests/resources/test_live_evidence.py::"

LIVE_OVER_SPEC: tuple[LiveChoice, ...] = (
    LiveChoice(
        "Permission create",
        "answers with the new id as permission.id (spec form: without it)",
        "uses the id create returns; lists and matches on key when there is none",
        "Kinde's seed script (docs guide 'manage Kinde configuration'); nxt-fwd/kinde-go e2e",
        (
            _EVIDENCE + "test_permission_create_returns_the_new_id",
            _PROVIDER + "test_permission_create_uses_the_returned_id_or_finds_it_by_key",
        ),
    ),
    LiveChoice(
        "Sensitive environment variables",
        "refuses a PATCH of a secret variable's value, or turning is_secret off; never "
        "returns a secret value",
        "a new value, or is_secret turned off, replaces the variable (delete first); "
        "adoption takes the declared value as given and writes nothing",
        "docs.kinde.com, 'Add and update environment variables'",
        (
            _EVIDENCE + "test_a_sensitive_variable_value_cannot_be_updated",
            _PROVIDER + "test_a_sensitive_variable_is_replaced_delete_first_when_its_value_changes",
            _PROVIDER + "test_adopting_a_sensitive_variable_writes_nothing",
            "tests/export/test_export_adopt.py::test_export_is_adopted_writing_nothing_then_changes_nothing",
        ),
    ),
    LiveChoice(
        "Bulk membership",
        "POST and PATCH /organizations/{code}/users take at most 100 users (400 "
        "TOO_MANY_USERS); so does PATCH /roles/{id}/permissions (TOO_MANY_PERMISSIONS)",
        "memberships are sent one user a call; a role's permissions in batches of 100",
        "docs.kinde.com, API rate limits (bulk POST/PATCH: at most 100 objects)",
        (
            _EVIDENCE + "test_bulk_membership_takes_at_most_100_users",
            _PROVIDER + "test_a_role_with_more_than_100_permissions_is_sent_in_batches",
        ),
    ),
    LiveChoice(
        "Page size",
        "up to 500; application access-role lists: PAGE_SIZE_LIMIT_EXCEEDED above 100",
        "nothing needed: every list is walked 100 at a time",
        "docs.kinde.com rate-limit page; spec example",
        (
            _EVIDENCE + "test_page_size_is_500_in_general_and_100_on_access_role_lists",
            "tests/client/test_pagination.py::test_next_token_style_walks_every_page",
        ),
    ),
    LiveChoice(
        "Null fields",
        "fields without a value come back as null (descriptions, names, pictures ...)",
        "null and absent are the same: no diff, no drift, nothing exported",
        "a recorded GET /permissions page in moredure/kinde-go",
        (
            _EVIDENCE + "test_unset_fields_come_back_as_null",
            _PROVIDER + "test_null_fields_converge_like_absent_ones",
        ),
    ),
    LiveChoice(
        "Connection lists",
        "items are flat {id, name, display_name, strategy}, not the single-GET wrapper",
        "nothing needed: reads flat items",
        "kinde-ruby-sdk commit 83317c1; third-party providers",
        (
            _EVIDENCE + "test_connection_lists_are_flat",
            "tests/test_sdk_conformance.py::test_the_official_sdk_reads_every_answer",
        ),
    ),
    LiveChoice(
        "Accept header",
        "the connection list answers 406 to Accept: application/json; charset=utf-8",
        "the client sends exactly Accept: application/json",
        "kinde-ruby-sdk commit 83317c1",
        (
            _EVIDENCE + "test_a_charset_variant_of_accept_is_refused_on_the_connection_list",
            "tests/client/test_over_http.py::test_the_client_sends_accept_application_json",
            "tests/test_sdk_conformance.py::test_the_sdk_default_accept_is_refused_where_kinde_refuses_it",
        ),
    ),
    LiveChoice(
        "Token errors",
        "wrong audience: 400 unauthorized_client; a scope the app may not have: 400 invalid_scope",
        "the error names the fix for each",
        "docs.kinde.com, 'Troubleshoot M2M token errors'",
        (
            _EVIDENCE + "test_token_errors_follow_kinde",
            "tests/client/test_auth.py::test_each_token_error_names_its_fix",
        ),
    ),
    LiveChoice(
        "Token",
        "token_type bearer; RS256 JWT with scp and scope, verifiable with /.well-known/jwks",
        "nothing needed: the token is opaque to the client",
        "docs.kinde.com, M2M token structure",
        (_EVIDENCE + "test_tokens_are_rs256_jwts_verified_by_the_jwks",),
    ),
    LiveChoice(
        "Unknown organization in a path",
        "a malformed organization code in a path is 400 ORGANIZATION_INVALID",
        "gone for read and delete (refresh drops it, delete succeeds); bad input for create "
        "and update, with a message naming the code",
        "a public project's notes on live failures",
        (
            _EVIDENCE + "test_a_malformed_organization_code_is_organization_invalid",
            _PROVIDER + "test_organization_invalid_means_gone_on_read_and_bad_input_on_write",
        ),
    ),
    LiveChoice(
        "Webhooks",
        "endpoints must be https://; ids are webhook_<hex>",
        "nothing more: preview checks the endpoint (see check())",
        "docs.kinde.com, 'About webhooks'",
        (_EVIDENCE + "test_webhooks_need_https_and_have_live_ids",),
    ),
    LiveChoice(
        "Rate limits",
        "a rate limiter and a concurrency limiter; 429 with RateLimit-Reset in seconds",
        "nothing needed: waits RateLimit-Reset / Retry-After",
        "docs.kinde.com, 'API rate limits'",
        (
            "tests/emulator/test_faults.py::test_rate_limit_answers_429_with_ratelimit_reset",
            "tests/emulator/test_faults.py::test_concurrency_limit",
            "tests/client/test_retries.py::test_429_waits_for_the_server_hint_then_retries",
        ),
    ),
    LiveChoice(
        "Role update",
        "PATCH /roles/{id} needs the role's key (and name) every time",
        "nothing needed: every update sends key and name",
        "kinde-oss/terraform-provider-kinde commit 4fa0c24",
        (
            _EVIDENCE + "test_a_role_update_needs_the_key",
            _PROVIDER + "test_a_role_description_update_sends_the_key",
        ),
    ),
    LiveChoice(
        "next_token",
        "an opaque cursor that decodes to an offset (<offset>:::<sort>): pages shift when "
        "objects are added or removed while listing",
        "every walk de-duplicates by id; a lookup that misses walks again before saying 'absent'",
        "moredure/kinde-go recorded page",
        (
            _EVIDENCE + "test_next_token_is_an_offset_so_pages_shift_under_writes",
            "tests/client/test_pagination.py::test_a_walk_never_yields_an_id_twice",
            "tests/client/test_pagination.py::test_collect_walks_a_moving_list_twice_and_misses_nothing",
            _PROVIDER + "test_listers_stay_correct_while_the_list_moves_under_them",
        ),
    ),
    LiveChoice(
        "Callback and logout URLs",
        "takes any absolute URL: custom schemes of native apps and wildcard URLs included",
        "checked at preview against the documented rules (issue 13)",
        "docs.kinde.com, 'Set callback and redirect URLs'; Kinde's React Native SDK README",
        (_EVIDENCE + "test_native_callback_urls_with_custom_schemes_are_accepted",),
    ),
    LiveChoice(
        "Webhook event types",
        "GET /event_types lists the documented triggers",
        "names checked against GET /event_types before the first write (issue 13)",
        "docs.kinde.com, 'Add and manage webhooks'",
        (_EVIDENCE + "test_event_types_list_the_documented_triggers",),
    ),
)
