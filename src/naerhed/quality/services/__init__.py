# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Every write of care quality, one module per concept; each function is one transaction and audit-logged."""
