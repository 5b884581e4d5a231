from django.shortcuts import render

from supportlead.decorators import manager_required


@manager_required
def overview(request):
    return render(request, "placeholder.html", {"title": "Development"})
