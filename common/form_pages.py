"""How every form page of the app runs a service: a valid form calls it, a refusal
(``ValidationError``) lands on the form with nothing saved, a success leaves a message.
One implementation for every app."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render

from .models import FormSubmission
from .pickers import picker_answer


class OnceOnly(forms.Form):
    """Mixed into every create form: a one-time token travels with the form, so that a
    double click, a replay or two posts at the same instant create one record."""

    submission_token = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64, initial=lambda: uuid.uuid4().hex
    )


def form_data(form) -> dict:
    """A valid form's data for a service: what the person typed, not the form's token."""
    return {k: v for k, v in form.cleaned_data.items() if k != "submission_token"}


class AlreadySubmitted(Exception):
    def __init__(self, result_url: str):
        super().__init__(result_url)
        self.result_url = result_url


def _claim(request, token: str) -> None:
    """Take the form's token for this post, or raise ``AlreadySubmitted`` with where the
    first post went. Runs inside the post's transaction: if the post fails, the token
    is free again."""
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, user=request.user)
    except IntegrityError:
        first = FormSubmission.objects.filter(token=token, user=request.user).first()
        raise AlreadySubmitted(first.result_url if first else "") from None


def submit_once(request, form, call, success, done):
    """Run ``call`` for a valid form once per form token, then redirect to ``done(result)``.
    A second post of the same form lands on the first one's result; a refusal stays on
    the form. Returns the redirect, or None to show the form again."""
    if not form.is_valid():
        return None
    token = form.cleaned_data.get("submission_token") or ""
    try:
        with transaction.atomic():
            if token:
                _claim(request, token)
            result = call(form_data(form))
            url = done(result)
            if token:
                FormSubmission.objects.filter(token=token).update(result_url=url)
    except AlreadySubmitted as first:
        messages.info(request, "Already saved: that form was sent twice, once is kept.")
        return redirect(first.result_url or request.path)
    except ValidationError as error:
        errors_attach(form, error)
        return None
    form.result = result
    messages.success(request, success(result) if callable(success) else success)
    return redirect(url)


def errors_attach(form, error: ValidationError) -> None:
    """Put a service's refusal on the form: on the field it names when the form has that
    field, at the top of the form otherwise."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def form_submit(
    request, form, call: Callable[[dict], object], success: str | Callable[[object], str]
) -> bool:
    """Run ``call`` with a valid form's data; True when it succeeded. ``success`` is the
    message, or makes it from what ``call`` returned."""
    if not form.is_valid():
        return False
    try:
        result = call(form_data(form))
    except ValidationError as error:
        errors_attach(form, error)
        return False
    messages.success(request, success(result) if callable(success) else success)
    form.result = result
    return True


def post_action(
    request,
    form,
    call: Callable[[dict], object],
    success: str | Callable[[object], str],
    *,
    done: Callable[[object], str],
    back: str,
):
    """A button that posts a small form from another page (withdraw, retire, confirm):
    on success a message and a redirect to ``done(result)``; otherwise each error as a
    message and back to the page the button is on (``back``), with nothing saved."""
    if form_submit(request, form, call, success):
        return redirect(done(form.result))
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))
    return redirect(back)


def form_page(
    request,
    *,
    form,
    call: Callable[[dict], object],
    success: str | Callable[[object], str],
    done: Callable[[object], str],
    template: str,
    context: dict,
):
    """A page with one form: GET shows it (or answers one of its searched pickers);
    POST runs ``call`` (once per form token), then goes to ``done`` (a URL made from what
    ``call`` returned); a refusal re-renders with nothing saved."""
    if request.method == "POST":
        response = submit_once(request, form, call, success, done)
        if response is not None:
            return response
    elif picked := picker_answer(request, form):
        return picked
    return render(request, template, {"form": form, **context})
