# SPDX-License-Identifier: AGPL-3.0-or-later
# Copyright (c) 2026 The Nærhed authors
"""Pages to add, change and remove a citizen's relatives (the citizen's own team)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from naerhed.accounts.access import as_user
from naerhed.citizens.models import Citizen, Relative
from naerhed.citizens.relative_forms import RelativeForm
from naerhed.citizens.relatives import remove_relative, save_relative
from naerhed.citizens.services import open_citizen_for_edit


@login_required
@require_http_methods(["GET", "POST"])
def relative_new(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, pk, None)


@login_required
@require_http_methods(["GET", "POST"])
def relative_edit(request: HttpRequest, pk: int, relative_pk: int) -> HttpResponse:
    return _edit(request, pk, relative_pk)


@login_required
@require_POST
def relative_remove(request: HttpRequest, pk: int, relative_pk: int) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_for_edit(user=user, pk=pk, purpose="remove relative")
    remove_relative(citizen=citizen, relative=_relative(citizen, relative_pk), by=user)
    messages.success(request, _("The relative was removed."))
    return redirect("citizens:detail", pk=citizen.pk)


def _edit(request: HttpRequest, pk: int, relative_pk: int | None) -> HttpResponse:
    user = as_user(request.user)
    citizen = open_citizen_for_edit(user=user, pk=pk, purpose="relative form")
    relative = None if relative_pk is None else _relative(citizen, relative_pk)
    form = RelativeForm(request.POST or None, relative=relative)
    if request.method == "POST" and form.is_valid():
        try:
            save_relative(citizen=citizen, by=user, relative=relative, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The relative was saved."))
            return redirect("citizens:detail", pk=citizen.pk)
    status = 400 if form.is_bound and form.errors else 200
    context = {"citizen": citizen, "relative": relative, "form": form}
    return render(request, "citizens/relative_form.html", context, status=status)


def _relative(citizen: Citizen, relative_pk: int) -> Relative:
    try:
        return citizen.relatives.get(pk=relative_pk)
    except Relative.DoesNotExist:
        raise Http404("no such relative for this citizen") from None


def _add_errors(form: RelativeForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                form.add_error(field if field in form.fields else None, item)
    else:
        form.add_error(None, error)
