#!/usr/bin/env python
# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Django's manage.py; the installed ``naerhed`` command does the same."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "naerhed.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
