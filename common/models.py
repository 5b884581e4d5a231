from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """A create form's one-time token, claimed by its first post: a double click or a
    replay of the same form finds it taken and lands on what the first post made."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table kept its name when the model moved here from ``candidates``.
        db_table = "candidates_formsubmission"
        indexes = [models.Index(fields=["created_at"], name="form_submission_age_idx")]

    def __str__(self):
        return self.token
