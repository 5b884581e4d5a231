"""How every form page of the app runs a service: a valid form calls it, a refusal
(``ValidationError``) lands on the form with nothing saved, a success leaves a message.
One implementation for every app (they all sit above ``candidates``)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


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
        result = call(form.cleaned_data)
    except ValidationError as error:
        errors_attach(form, error)
        return False
    messages.success(request, success(result) if callable(success) else success)
    form.result = result
    return True


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
    """A page with one form: GET shows it; POST runs ``call``, then goes to ``done``
    (a URL made from what ``call`` returned); a refusal re-renders with nothing saved."""
    if request.method == "POST" and form_submit(request, form, call, success):
        return redirect(done(form.result))
    return render(request, template, {"form": form, **context})
