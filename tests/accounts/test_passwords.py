"""Passwords are hashed with Argon2id at the library's default cost in production (the
test suite swaps in the cheapest parameters, see tests/conftest.py)."""

from __future__ import annotations

import pytest

from accounts import passwords
from tests.conftest import PRODUCTION_HASHER


def test_production_hashes_with_argon2id_at_64_mib_and_three_passes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(passwords, "_hasher", PRODUCTION_HASHER)
    hashed = passwords.hash_password("một mật khẩu đủ dài")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passwords.verify_password(hashed, "một mật khẩu đủ dài")
    assert not passwords.verify_password(hashed, "một mật khẩu khác")
    assert not passwords.needs_rehash(hashed)


def test_an_unknown_user_costs_a_verification_against_the_dummy_hash() -> None:
    assert passwords._DUMMY_HASH.startswith("$argon2id$")
    assert not passwords.verify_password(None, "dxnet-dummy-password")
    assert not passwords.verify_password("not-a-hash", "anything")


def test_a_hash_made_with_weaker_parameters_asks_to_be_rehashed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    weak = passwords.hash_password("một mật khẩu đủ dài")  # the suite's cheap hasher
    monkeypatch.setattr(passwords, "_hasher", PRODUCTION_HASHER)
    assert passwords.needs_rehash(weak)
