# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""The Nærhed planning engine.

A framework-free package: data in, data out. It never imports Django or any
other Nærhed package (an import-linter contract checks this). Instances and
plans follow the open format ``naerhed-plan/1`` (see docs/planning-format.md).
"""
