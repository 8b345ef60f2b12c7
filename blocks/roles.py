"""Both editorial roles place every content block (which pages they may change is django CMS's
page permission: a municipal editor only their own municipality's subtree)."""

PERMISSIONS = {
    "IQZ-Redaktion": ["blocks"],
    "Kommunale Redaktion": ["blocks"],
}
