"""Both roles see the list of submissions (the IQZ all of them, others their own: reviews.admin)."""

PERMISSIONS = {
    "IQZ-Redaktion": ["reviews.view_review"],
    "Kommunale Redaktion": ["reviews.view_review"],
}
