# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The typed environment readers in naerhed.lib.env."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from naerhed.lib.env import database_from_url, env_bool, env_choice, env_int, env_list, env_str

NAME = "NAERHED_TEST_VALUE"


@pytest.fixture(autouse=True)
def _no_test_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(NAME, raising=False)
    monkeypatch.delenv(f"{NAME}_FILE", raising=False)


class TestEnvStr:
    def test_unset_gives_the_default(self) -> None:
        assert env_str(NAME, "fallback") == "fallback"
        assert env_str(NAME) is None

    def test_set_gives_the_value_as_is(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(NAME, " spaced ")

        assert env_str(NAME, "fallback") == " spaced "

    def test_file_variable_gives_the_stripped_file_content_and_wins(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        secret = tmp_path / "secret"
        secret.write_text("from-file\n", encoding="utf-8")
        monkeypatch.setenv(NAME, "from-variable")
        monkeypatch.setenv(f"{NAME}_FILE", str(secret))

        assert env_str(NAME) == "from-file"

    def test_unreadable_file_names_the_file_variable(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        monkeypatch.setenv(f"{NAME}_FILE", str(tmp_path / "missing"))

        with pytest.raises(ImproperlyConfigured, match=f"{NAME}_FILE"):
            env_str(NAME)


class TestEnvBool:
    @pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "on", " On "])
    def test_true_spellings(self, monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
        monkeypatch.setenv(NAME, raw)

        assert env_bool(NAME, default=False) is True

    @pytest.mark.parametrize("raw", ["0", "false", "no", "off", ""])
    def test_false_spellings(self, monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
        monkeypatch.setenv(NAME, raw)

        assert env_bool(NAME, default=True) is False

    def test_unset_gives_the_default(self) -> None:
        assert env_bool(NAME, default=True) is True

    def test_anything_else_is_an_error_naming_the_variable(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(NAME, "maybe")

        with pytest.raises(ImproperlyConfigured, match=f"{NAME}='maybe' is not a boolean"):
            env_bool(NAME, default=False)


class TestEnvInt:
    def test_whole_number(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(NAME, "3600")

        assert env_int(NAME, 10) == 3600

    def test_unset_gives_the_default_even_below_the_minimum(self) -> None:
        assert env_int(NAME, 10, minimum=300) == 10

    @pytest.mark.parametrize("raw", ["8h", "1.5", ""])
    def test_not_a_whole_number_is_an_error(self, monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
        monkeypatch.setenv(NAME, raw)

        with pytest.raises(ImproperlyConfigured, match=rf"{NAME}=.* is not a whole number"):
            env_int(NAME, 10)

    def test_below_the_minimum_is_an_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(NAME, "299")

        with pytest.raises(ImproperlyConfigured, match=f"{NAME}=299 must be at least 300"):
            env_int(NAME, 3600, minimum=300)

    def test_the_minimum_itself_is_allowed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(NAME, "300")

        assert env_int(NAME, 3600, minimum=300) == 300


class TestEnvList:
    def test_comma_separated_items_are_trimmed_and_empties_dropped(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv(NAME, " a.example.dk, ,b.example.dk,")

        assert env_list(NAME, ["default"]) == ["a.example.dk", "b.example.dk"]

    def test_set_but_empty_is_an_empty_list_not_the_default(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(NAME, "")

        assert env_list(NAME, ["default"]) == []

    def test_unset_gives_the_default(self) -> None:
        assert env_list(NAME, ["default"]) == ["default"]


class TestEnvChoice:
    def test_a_listed_value(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(NAME, "production")

        assert env_choice(NAME, "development", ("development", "production")) == "production"

    def test_unset_gives_the_default(self) -> None:
        assert env_choice(NAME, "development", ("development", "production")) == "development"

    def test_an_unlisted_value_is_an_error_listing_the_choices(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv(NAME, "Production")

        with pytest.raises(ImproperlyConfigured, match="must be one of development, production"):
            env_choice(NAME, "development", ("development", "production"))


class TestDatabaseFromUrl:
    BASE = Path("/srv/naerhed")

    def test_sqlite_relative_path_is_under_the_base_directory(self) -> None:
        entry = database_from_url("sqlite:///var/naerhed.sqlite3", base_dir=self.BASE)

        assert (entry["ENGINE"], entry["NAME"]) == (
            "django.db.backends.sqlite3",
            "/srv/naerhed/var/naerhed.sqlite3",
        )

    def test_sqlite_is_set_up_for_a_web_process_and_a_job_thread_writing_at_once(self) -> None:
        entry = database_from_url("sqlite:///var/naerhed.sqlite3", base_dir=self.BASE)

        assert entry["OPTIONS"] == {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        # One test database per test process, beside the real one.
        assert entry["TEST"] == {"NAME": f"/srv/naerhed/var/test-{os.getpid()}-naerhed.sqlite3"}

    def test_sqlite_absolute_path_takes_four_slashes(self) -> None:
        entry = database_from_url("sqlite:////tmp/naerhed.sqlite3", base_dir=self.BASE)

        assert entry["NAME"] == "/tmp/naerhed.sqlite3"

    @pytest.mark.parametrize("url", ["sqlite://", "sqlite:///"])
    def test_sqlite_without_a_path_is_an_error(self, url: str) -> None:
        with pytest.raises(ImproperlyConfigured, match="needs a file path"):
            database_from_url(url, base_dir=self.BASE)

    @pytest.mark.parametrize("scheme", ["postgres", "postgresql"])
    def test_postgres_url_gives_every_part(self, scheme: str) -> None:
        entry = database_from_url(
            f"{scheme}://care%40dk:p%2Fw@db.example.dk:5433/naerhed", base_dir=self.BASE
        )

        assert entry == {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": "naerhed",
            "USER": "care@dk",
            "PASSWORD": "p/w",
            "HOST": "db.example.dk",
            "PORT": "5433",
            "CONN_MAX_AGE": 60,
        }

    def test_postgres_without_user_or_port_leaves_them_to_libpq(self) -> None:
        entry = database_from_url("postgres://127.0.0.1/naerhed", base_dir=self.BASE)

        assert (entry["USER"], entry["PASSWORD"], entry["PORT"]) == ("", "", "")

    def test_postgres_without_a_database_name_is_an_error(self) -> None:
        with pytest.raises(ImproperlyConfigured, match="needs a database name"):
            database_from_url("postgres://db.example.dk:5432/", base_dir=self.BASE)

    @pytest.mark.parametrize("url", ["mysql://x", "db.sqlite3", ""])
    def test_other_schemes_are_an_error_naming_database_url(self, url: str) -> None:
        with pytest.raises(ImproperlyConfigured, match=r"DATABASE_URL=.*scheme must be sqlite or postgres"):
            database_from_url(url, base_dir=self.BASE)
