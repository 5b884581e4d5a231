from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from supportlead.access import agreement_get_for_user


@login_required
def detail(request, pk):
    agreement, roles = agreement_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "agreements/detail.html",
        {"title": agreement.title, "agreement": agreement, "agreement_roles": roles},
    )
