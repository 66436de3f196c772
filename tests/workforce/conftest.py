# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
from tests.web.conftest import fast_password_hashing

__all__ = ["fast_password_hashing"]
